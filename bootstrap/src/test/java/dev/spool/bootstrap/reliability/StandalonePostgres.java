package dev.spool.bootstrap.reliability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A PostgreSQL of the test's own, outside every Spool process, on a fixed port and data directory
 * so that it can be stopped and started again under running servers. Durable, like Spool's own.
 */
final class StandalonePostgres implements AutoCloseable {
  private final Path data;
  private final int port;
  private EmbeddedPostgres postgres;

  private StandalonePostgres(Path data, int port) {
    this.data = data;
    this.port = port;
  }

  static StandalonePostgres start(Path data) {
    StandalonePostgres db = new StandalonePostgres(data, SpoolProcess.freePort());
    db.restart();
    return db;
  }

  String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  Connection connect() throws SQLException {
    return postgres.getPostgresDatabase().getConnection();
  }

  /** Starts it again on the same data directory and port. */
  void restart() {
    try {
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("max_connections", "200")
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops it; {@link #restart()} brings it back. */
  void stop() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
