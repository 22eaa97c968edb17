package dev.spool.bootstrap;

import dev.spool.adapter.http.auth.JwtSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * Dev mode, when no JWT key is configured: a secret generated once and kept in the data directory,
 * and a demo faculty user whose token is printed at start-up. Not for production: anyone who can
 * read the data directory can mint tokens.
 */
final class DevMode {
  static final String SECRET_FILE = "dev-jwt-secret";
  static final String USER_FILE = "dev-user-id";

  private final Path dataDirectory;

  DevMode(Path dataDirectory) {
    this.dataDirectory = dataDirectory;
  }

  JwtSettings jwt() {
    return JwtSettings.secret(
        readOrCreate(
            SECRET_FILE,
            () -> {
              byte[] bytes = new byte[48];
              new SecureRandom().nextBytes(bytes);
              return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            }));
  }

  UUID demoUser() {
    return UUID.fromString(readOrCreate(USER_FILE, () -> UUID.randomUUID().toString()));
  }

  private String readOrCreate(String name, java.util.function.Supplier<String> fresh) {
    Path file = dataDirectory.resolve(name);
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      Files.createDirectories(dataDirectory);
      String value = fresh.get();
      Files.writeString(file, value, StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system; the file keeps the default permissions
      }
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep dev-mode state in " + file, e);
    }
  }
}
