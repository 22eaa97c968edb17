package dev.spool.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL started from Maven Central's binaries, its files kept under the data directory
 * so that data survives restarts. The library underneath starts PostgreSQL with {@code fsync} and
 * {@code synchronous_commit} off, which would lose committed work in a crash: both are turned on
 * here, and checked.
 */
final class EmbeddedPostgresServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedPostgresServer start(Path dataDirectory) {
    try {
      Path data = dataDirectory.resolve("postgres").toAbsolutePath();
      Files.createDirectories(data);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(false)
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              // the server's own shutdown stops PostgreSQL last, after the dispatcher has
              // written its final outcomes; zonky's hook would stop it concurrently
              .setRegisterShutdownHook(false)
              .start();
      EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
      server.requireDurability();
      LOG.info("embedded PostgreSQL running on port {}, data in {}", postgres.getPort(), data);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not start the embedded PostgreSQL in " + dataDirectory, e);
    }
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  private void requireDurability() {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      for (String setting : new String[] {"fsync", "synchronous_commit"}) {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
          rs.next();
          if (!"on".equals(rs.getString(1))) {
            throw new IllegalStateException(
                "embedded PostgreSQL runs with "
                    + setting
                    + "="
                    + rs.getString(1)
                    + "; committed work could be lost in a crash");
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not check the embedded PostgreSQL's durability", e);
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("embedded PostgreSQL did not stop cleanly", e);
    }
  }
}
