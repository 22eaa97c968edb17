package dev.spool.bootstrap;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.spool.adapter.persistence.PostgresSettings;
import dev.spool.adapter.persistence.PostgresStore;
import java.util.Optional;

/**
 * The database Spool runs on, opened and migrated: an external PostgreSQL when configured, the
 * embedded one otherwise. Closing it closes the store, the pool and any embedded server.
 */
public final class SpoolDatabase implements AutoCloseable {
  private final Optional<EmbeddedPostgresServer> embedded;
  private final HikariDataSource pool;
  private final PostgresStore store;

  private SpoolDatabase(
      Optional<EmbeddedPostgresServer> embedded, HikariDataSource pool, PostgresStore store) {
    this.embedded = embedded;
    this.pool = pool;
    this.store = store;
  }

  public static SpoolDatabase open(DatabaseSettings settings, PostgresSettings storeSettings) {
    Optional<EmbeddedPostgresServer> embedded =
        settings.url().isPresent()
            ? Optional.empty()
            : Optional.of(EmbeddedPostgresServer.start(settings.dataDirectory()));
    HikariConfig config = new HikariConfig();
    config.setPoolName("spool");
    config.setJdbcUrl(settings.url().orElseGet(() -> embedded.orElseThrow().jdbcUrl()));
    settings.user().or(() -> embedded.map(e -> "postgres")).ifPresent(config::setUsername);
    settings.password().ifPresent(config::setPassword);
    config.setMaximumPoolSize(settings.poolSize());
    config.setConnectionTimeout(5_000);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      embedded.ifPresent(EmbeddedPostgresServer::close);
      throw e;
    }
    return new SpoolDatabase(embedded, pool, PostgresStore.open(pool, storeSettings));
  }

  /** Checks that the database answers, within a few seconds. */
  public void check() {
    try (var connection = pool.getConnection()) {
      if (!connection.isValid(3)) {
        throw new IllegalStateException("the database did not answer within 3 s");
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  public PostgresStore store() {
    return store;
  }

  public HikariDataSource pool() {
    return pool;
  }

  @Override
  public void close() {
    store.close();
    pool.close();
    embedded.ifPresent(EmbeddedPostgresServer::close);
  }
}
