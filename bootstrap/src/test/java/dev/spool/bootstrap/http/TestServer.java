package dev.spool.bootstrap.http;

import dev.spool.adapter.http.auth.JwtSettings;
import dev.spool.adapter.llm.SimulatorSettings;
import dev.spool.adapter.persistence.PostgresSettings;
import dev.spool.bootstrap.DatabaseSettings;
import dev.spool.bootstrap.ServerConfig;
import dev.spool.bootstrap.SpoolServer;
import dev.spool.domain.config.ConfigLimits;
import io.jsonwebtoken.Jwts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;

/**
 * The real server on a random loopback port, on its own embedded PostgreSQL, with the simulator, a
 * known HS256 secret, an issuer and an audience, and a short heartbeat.
 */
public final class TestServer implements AutoCloseable {
  public static final String SECRET = "spool-test-secret-0123456789-abcdefghijklmnop";
  public static final String ISSUER = "https://issuer.test";
  public static final String AUDIENCE = "spool";
  public static final Duration HEARTBEAT = Duration.ofSeconds(1);

  private final Path dataDirectory;
  private final SpoolServer server;
  private final ApiClient client;

  private TestServer(Path dataDirectory, SpoolServer server) {
    this.dataDirectory = dataDirectory;
    this.server = server;
    this.client = new ApiClient("http://127.0.0.1:" + server.port());
  }

  public static TestServer start(SimulatorSettings simulator) {
    return start(simulator, Optional.empty());
  }

  /** A server on the database at {@code databaseUrl}, or on an embedded one of its own. */
  public static TestServer start(SimulatorSettings simulator, Optional<String> databaseUrl) {
    return start(simulator, databaseUrl, java.util.Map.of());
  }

  /**
   * As above, with webhooks and approval set by {@code environment}'s SPOOL_WEBHOOK_* and
   * SPOOL_APPROVAL_* values.
   */
  public static TestServer start(
      SimulatorSettings simulator,
      Optional<String> databaseUrl,
      java.util.Map<String, String> environment) {
    return start(
        simulator,
        databaseUrl,
        environment,
        JwtSettings.secret(SECRET)
            .withIssuer(Optional.of(ISSUER))
            .withAudience(Optional.of(AUDIENCE)));
  }

  /** A server that verifies tokens as {@code jwt} says: an identity provider's, say. */
  public static TestServer start(
      SimulatorSettings simulator,
      Optional<String> databaseUrl,
      java.util.Map<String, String> environment,
      JwtSettings jwt) {
    try {
      Path data = Files.createTempDirectory("spool-it");
      ServerConfig config =
          new ServerConfig(
              "127.0.0.1",
              0,
              Optional.of(jwt),
              Optional.empty(),
              new ConfigLimits(10_000, 50),
              1_000,
              Optional.empty(),
              "it-" + UUID.randomUUID(),
              HEARTBEAT,
              Duration.ofSeconds(30),
              PostgresSettings.DEFAULT_FANOUT_INTERVAL,
              true,
              java.util.Map.of(),
              dev.spool.bootstrap.PriceConfig.defaults());
      DatabaseSettings database =
          new DatabaseSettings(
              databaseUrl,
              databaseUrl.map(url -> "postgres"),
              Optional.empty(),
              DatabaseSettings.DEFAULT_POOL_SIZE,
              data,
              DatabaseSettings.DEFAULT_RECOVERY_LIMIT);
      return new TestServer(data, SpoolServer.start(config, database, simulator, environment));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ApiClient api() {
    return client;
  }

  public SpoolServer server() {
    return server;
  }

  /** A valid token for {@code user} with {@code roles}, valid for an hour. */
  public static String token(UUID user, String... roles) {
    return tokenBuilder(user, roles).compact();
  }

  public static String faculty(UUID user) {
    return token(user, "faculty");
  }

  /** A builder of a valid token, signed last: callers may change any claim first. */
  public static io.jsonwebtoken.JwtBuilder tokenBuilder(UUID user, String... roles) {
    Instant now = Instant.now();
    return Jwts.builder()
        .subject(user.toString())
        .claim("roles", List.of(roles))
        .issuer(ISSUER)
        .audience()
        .add(AUDIENCE)
        .and()
        .issuedAt(Date.from(now))
        .expiration(Date.from(now.plus(Duration.ofHours(1))))
        .signWith(
            new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
            Jwts.SIG.HS256);
  }

  @Override
  public void close() {
    server.close();
    try (var files = Files.walk(dataDirectory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }
}
