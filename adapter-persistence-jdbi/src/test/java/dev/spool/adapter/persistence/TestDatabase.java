package dev.spool.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM (starting one takes seconds), and a fresh database on it for
 * each test class.
 */
final class TestDatabase implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres server;

  private final HikariDataSource dataSource;

  private TestDatabase(HikariDataSource dataSource) {
    this.dataSource = dataSource;
  }

  static synchronized TestDatabase create() {
    try {
      if (server == null) {
        server = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
      }
      String name = "spool_test_" + COUNTER.incrementAndGet();
      try (Connection c = server.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(server.getJdbcUrl("postgres", name));
      config.setMaximumPoolSize(20);
      return new TestDatabase(new HikariDataSource(config));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  HikariDataSource dataSource() {
    return dataSource;
  }

  /** Empties every table, for a test that needs a database no earlier test disturbs. */
  void truncate() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "TRUNCATE batch_jobs, batch_items, questions, batch_events, rate_limit_buckets, owner_shares,"
              + " catalogue_courses, catalogue_topics");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many rows the table holds. */
  long count(String table) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
