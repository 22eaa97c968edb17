package dev.spool.bootstrap;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.spool.adapter.http.DatabaseHealth;
import dev.spool.adapter.persistence.PostgresSettings;
import dev.spool.adapter.persistence.PostgresStore;
import java.util.Optional;

/**
 * The database Spool runs on, opened and migrated: an external PostgreSQL when configured, the
 * embedded one otherwise, watched by a {@link DatabaseWatch} that the store's connections go
 * through. Closing it closes the watch, the store, the pool and any embedded server.
 */
public final class SpoolDatabase implements AutoCloseable {
  private final Optional<EmbeddedPostgresServer> embedded;
  private final HikariDataSource pool;
  private final DatabaseWatch watch;
  private final PostgresStore store;

  private SpoolDatabase(
      Optional<EmbeddedPostgresServer> embedded,
      HikariDataSource pool,
      DatabaseWatch watch,
      PostgresStore store) {
    this.embedded = embedded;
    this.pool = pool;
    this.watch = watch;
    this.store = store;
  }

  public static SpoolDatabase open(DatabaseSettings settings, PostgresSettings storeSettings) {
    return open(settings, storeSettings, 0);
  }

  /**
   * As {@link #open(DatabaseSettings, PostgresSettings)}, and an embedded PostgreSQL leaves {@code
   * httpPort} (the port the server is about to bind; 0 for none) alone.
   */
  public static SpoolDatabase open(
      DatabaseSettings settings, PostgresSettings storeSettings, int httpPort) {
    Optional<EmbeddedPostgresServer> embedded =
        settings.url().isPresent()
            ? Optional.empty()
            : Optional.of(EmbeddedPostgresServer.start(settings.dataDirectory(), httpPort));
    HikariConfig config = new HikariConfig();
    config.setPoolName("spool");
    config.setJdbcUrl(settings.url().orElseGet(() -> embedded.orElseThrow().jdbcUrl()));
    settings.user().or(() -> embedded.map(e -> "postgres")).ifPresent(config::setUsername);
    settings.password().ifPresent(config::setPassword);
    config.setMaximumPoolSize(settings.poolSize());
    config.setConnectionTimeout(5_000);
    HikariDataSource pool = null;
    DatabaseWatch watch = null;
    try {
      pool = new HikariDataSource(config);
      java.util.Properties credentials = new java.util.Properties();
      if (config.getUsername() != null) {
        credentials.setProperty("user", config.getUsername());
      }
      settings.password().ifPresent(p -> credentials.setProperty("password", p));
      watch =
          new DatabaseWatch(config.getJdbcUrl(), credentials, embedded, settings.recoveryLimit());
      PostgresStore store =
          PostgresStore.open(new GuardedDataSource(pool, watch::outage), storeSettings);
      watch.start();
      return new SpoolDatabase(embedded, pool, watch, store);
    } catch (RuntimeException e) {
      if (watch != null) {
        watch.close();
      }
      if (pool != null) {
        pool.close();
      }
      embedded.ifPresent(EmbeddedPostgresServer::close);
      throw e;
    }
  }

  /** What the HTTP server knows of the database: answered at once, never by waiting on it. */
  public DatabaseHealth health() {
    return watch;
  }

  public PostgresStore store() {
    return store;
  }

  public HikariDataSource pool() {
    return pool;
  }

  @Override
  public void close() {
    watch.close();
    store.close();
    pool.close();
    embedded.ifPresent(EmbeddedPostgresServer::close);
  }
}
