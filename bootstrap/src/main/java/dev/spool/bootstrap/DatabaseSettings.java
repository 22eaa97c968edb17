package dev.spool.bootstrap;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Spool's data lives: an external PostgreSQL when a URL is given, else an embedded one whose
 * files are kept under the data directory.
 *
 * @param url a JDBC URL such as {@code jdbc:postgresql://db:5432/spool}
 * @param poolSize connections in the pool; the event listener holds one of them for LISTEN
 * @param recoveryLimit how long an embedded PostgreSQL may stay away, restarted with backoff,
 *     before the liveness check fails so that a process supervisor restarts Spool
 */
public record DatabaseSettings(
    Optional<String> url,
    Optional<String> user,
    Optional<String> password,
    int poolSize,
    Path dataDirectory,
    Duration recoveryLimit) {

  public static final int DEFAULT_POOL_SIZE = 10;
  public static final Duration DEFAULT_RECOVERY_LIMIT = Duration.ofSeconds(120);
  public static final int MAX_POOL_SIZE = 200;

  public DatabaseSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(recoveryLimit, "recoveryLimit");
    if (poolSize < 2 || poolSize > MAX_POOL_SIZE) {
      throw new IllegalArgumentException("the pool needs 2 to " + MAX_POOL_SIZE + " connections");
    }
  }

  /**
   * Reads {@code SPOOL_DATABASE_URL}, {@code SPOOL_DATABASE_USER}, {@code SPOOL_DATABASE_PASSWORD},
   * {@code SPOOL_DATABASE_POOL_SIZE} (default 10) and {@code SPOOL_DATA_DIR} (default {@code
   * ./data}).
   *
   * @throws ConfigurationError naming the first variable that is wrong
   */
  public static DatabaseSettings fromEnvironment(Map<String, String> env) {
    Optional<String> url = value(env, "SPOOL_DATABASE_URL");
    url.filter(u -> !u.startsWith("jdbc:postgresql:"))
        .ifPresent(u -> {
          throw new ConfigurationError(
              "SPOOL_DATABASE_URL",
              "must be a PostgreSQL JDBC URL such as jdbc:postgresql://host:5432/spool");
        });
    int pool =
        value(env, "SPOOL_DATABASE_POOL_SIZE").map(v -> poolSize(v)).orElse(DEFAULT_POOL_SIZE);
    Path data;
    try {
      data = Path.of(value(env, "SPOOL_DATA_DIR").orElse("data"));
    } catch (InvalidPathException e) {
      throw new ConfigurationError("SPOOL_DATA_DIR", "is not a valid path (" + e.getReason() + ")");
    }
    Duration recovery =
        Duration.ofSeconds(
            new Env(env)
                .whole(
                    "SPOOL_DATABASE_RECOVERY_SECONDS",
                    5,
                    86_400,
                    DEFAULT_RECOVERY_LIMIT.toSeconds()));
    return new DatabaseSettings(
        url,
        value(env, "SPOOL_DATABASE_USER"),
        value(env, "SPOOL_DATABASE_PASSWORD"),
        pool,
        data,
        recovery);
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static int poolSize(String value) {
    try {
      int size = Integer.parseInt(value);
      if (size >= 2 && size <= MAX_POOL_SIZE) {
        return size;
      }
    } catch (NumberFormatException e) {
      // reported below, with the allowed range
    }
    throw new ConfigurationError(
        "SPOOL_DATABASE_POOL_SIZE",
        "must be a whole number from 2 to " + MAX_POOL_SIZE + ", was '" + value + "'");
  }

  public static DatabaseSettings embedded(Path dataDirectory) {
    return new DatabaseSettings(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        DEFAULT_POOL_SIZE,
        dataDirectory,
        DEFAULT_RECOVERY_LIMIT);
  }
}
