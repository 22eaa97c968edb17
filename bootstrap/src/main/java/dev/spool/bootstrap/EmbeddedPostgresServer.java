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
      stopOrphan(data);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(false)
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              // a new WAL segment is created by writing its last byte, not 16 MB of zeros first.
              // Until checkpoints start recycling segments, every 16 MB of WAL needs a new one,
              // and its zero-filling ran inside the commit that crossed into it: 9-11 % of the
              // writing backend's time in B1, by perf. Durability is the same: the WAL's blocks
              // are allocated by its writes, and fdatasync flushes them with the data.
              .setServerConfig("wal_init_zero", "off")
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

  /**
   * A Spool killed with {@code kill -9} (or by the OOM killer) leaves its PostgreSQL running on the
   * data directory, and a new one could not start there. Such an orphan is stopped first: a normal
   * shutdown, which is quick because its only clients died with the old process.
   */
  static void stopOrphan(Path data) throws IOException {
    Path pidFile = data.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid;
    try (var lines = Files.lines(pidFile)) {
      pid = Long.parseLong(lines.findFirst().orElse("").trim());
    } catch (NumberFormatException e) {
      return; // PostgreSQL itself deals with a lock file it cannot read
    }
    var orphan =
        ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    if (orphan.isEmpty()) {
      return;
    }
    LOG.warn(
        "PostgreSQL (pid {}) is still running on {} after an unclean stop; shutting it down",
        pid,
        data);
    ProcessHandle process = orphan.get();
    process.destroy();
    try {
      process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.warn("PostgreSQL (pid {}) did not stop in 30 s; killing it, recovery will follow", pid);
      process.destroyForcibly();
      process.onExit().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping the old PostgreSQL", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException("could not wait for the old PostgreSQL to stop", e);
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
