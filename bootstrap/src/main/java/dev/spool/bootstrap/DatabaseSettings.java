package dev.spool.bootstrap;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Spool's data lives: an external PostgreSQL when a URL is given, else an embedded one whose
 * files are kept under the data directory.
 *
 * @param url a JDBC URL such as {@code jdbc:postgresql://db:5432/spool}
 * @param poolSize connections in the pool, beside the event listener's own
 */
public record DatabaseSettings(
    Optional<String> url,
    Optional<String> user,
    Optional<String> password,
    int poolSize,
    Path dataDirectory) {

  public static final int DEFAULT_POOL_SIZE = 10;

  public DatabaseSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    if (poolSize < 2) {
      throw new IllegalArgumentException("the pool needs at least 2 connections");
    }
  }

  public static DatabaseSettings embedded(Path dataDirectory) {
    return new DatabaseSettings(
        Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_POOL_SIZE, dataDirectory);
  }
}
