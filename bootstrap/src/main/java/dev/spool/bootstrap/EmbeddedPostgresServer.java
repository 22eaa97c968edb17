package dev.spool.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL started from Maven Central's binaries, its files kept under the data directory
 * so that data survives restarts. The library underneath starts PostgreSQL with {@code fsync} and
 * {@code synchronous_commit} off, which would lose committed work in a crash: both are turned on
 * here, and checked. If its postmaster dies, {@link #restart()} starts a new one on the same files
 * and port, so that the pool's connections find it again.
 */
final class EmbeddedPostgresServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  /** How long a dead postmaster may take to be reaped before its lock file is taken as stale. */
  private static final long REAP_WAIT_SECONDS = 20;

  /** The file the library locks while it runs PostgreSQL on a data directory. */
  private static final String LIBRARY_LOCK = "epg-lock";

  private final Path data;
  private volatile EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(Path data, EmbeddedPostgres postgres) {
    this.data = data;
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL on a free port other than {@code reserved}: the port the HTTP server will
   * bind once the database is up. Any free port would do for PostgreSQL, but one that was free a
   * moment ago may be the one the HTTP server was told to use (an ephemeral port picked by a
   * launcher, or a test), and the server then failed to start with its port in use by its own
   * database.
   *
   * @param reserved a port to leave alone, or 0 for none
   */
  static EmbeddedPostgresServer start(Path dataDirectory, int reserved) {
    Path data = dataDirectory.resolve("postgres").toAbsolutePath();
    try {
      Files.createDirectories(data);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + data, e);
    }
    EmbeddedPostgresServer server =
        new EmbeddedPostgresServer(data, launch(data, freePortOtherThan(reserved)));
    LOG.info("embedded PostgreSQL running on port {}, data in {}", server.port(), data);
    return server;
  }

  static int freePortOtherThan(int reserved) {
    for (int attempt = 0; attempt < 20; attempt++) {
      try (ServerSocket socket = new ServerSocket(0)) {
        int port = socket.getLocalPort();
        if (port != reserved) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not find a free port for PostgreSQL", e);
      }
    }
    throw new IllegalStateException("no free port other than " + reserved + " for PostgreSQL");
  }

  /** Whether the postmaster serving the data directory is running (not dead, not a zombie). */
  boolean postmasterAlive() {
    return postmasterPid(data)
        .flatMap(ProcessHandle::of)
        .filter(EmbeddedPostgresServer::running)
        .isPresent();
  }

  /**
   * Starts PostgreSQL again on the same data directory and port, after its postmaster died. Crash
   * recovery replays the WAL, so every committed transaction is kept.
   *
   * @throws UncheckedIOException if it could not start (a full disk, say); the caller retries
   */
  synchronized void restart() {
    int port = postgres.getPort();
    try {
      postgres.close(); // releases the library's lock on the directory; its stop finds nothing
    } catch (IOException e) {
      LOG.debug("closing the dead embedded PostgreSQL", e);
    }
    postgres = launch(data, port);
    LOG.info("embedded PostgreSQL restarted on port {}", port);
  }

  int port() {
    return postgres.getPort();
  }

  private static EmbeddedPostgres launch(Path data, int port) {
    try {
      stopOrphan(data);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setPort(port)
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
              // a batch of a million items writes about 0.5 GB of WAL in one transaction; with the
              // default 1 GB a checkpoint began inside it, and every page it touched after that
              // was written to the WAL whole: 13.6 s for 1M items against 1.34 s for 100k
              .setServerConfig("max_wal_size", "4GB")
              // the server's own shutdown stops PostgreSQL last, after the dispatcher has
              // written its final outcomes; zonky's hook would stop it concurrently
              .setRegisterShutdownHook(false)
              .start();
      requireDurability(postgres);
      return postgres;
    } catch (IOException | RuntimeException e) {
      if (!lockedByAnotherProcess(e)) {
        releaseLeakedLock(data);
      }
      throw new UncheckedIOException(
          "could not start the embedded PostgreSQL in " + data,
          e instanceof IOException io ? io : new IOException(e.getMessage(), e));
    }
  }

  /**
   * The library locks {@code epg-lock} in the data directory before it starts PostgreSQL, and a
   * start that fails leaves that lock held by an object nobody can close: every later start in this
   * JVM would fail on it. The lock is this process's own, so its file is removed; the next start
   * locks a new file.
   */
  private static boolean lockedByAnotherProcess(Exception e) {
    return e instanceof IllegalStateException
        && String.valueOf(e.getMessage()).startsWith("could not lock");
  }

  private static void releaseLeakedLock(Path data) {
    try {
      Files.deleteIfExists(data.resolve(LIBRARY_LOCK));
    } catch (IOException e) {
      LOG.warn("could not remove {} after a failed start: {}", LIBRARY_LOCK, e.getMessage());
    }
  }

  /**
   * A Spool killed with {@code kill -9} (or by the OOM killer) leaves its PostgreSQL running on the
   * data directory, and a new one could not start there. Such an orphan is stopped first: a normal
   * shutdown, which is quick because its only clients died with the old process. A postmaster that
   * was killed too is a zombie until it is reaped, and PostgreSQL takes its lock file for a live
   * server's; it is waited for, and its lock file removed if it lingers.
   */
  static void stopOrphan(Path data) throws IOException {
    Optional<Long> recorded = postmasterPid(data);
    if (recorded.isEmpty()) {
      return;
    }
    long pid = recorded.get();
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isPresent() && !running(handle.get()) && handle.get().isAlive()) {
      awaitReaped(handle.get(), data);
      return;
    }
    var orphan =
        handle
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

  /**
   * Waits for a dead postmaster (a zombie, or a process that is no postmaster) to go; if it stays,
   * the lock file is stale, since no postmaster holds it, and is removed.
   */
  private static void awaitReaped(ProcessHandle dead, Path data) throws IOException {
    LOG.info("waiting for the killed PostgreSQL (pid {}) to be reaped", dead.pid());
    try {
      dead.onExit().get(REAP_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.warn(
          "pid {} in {} is no running postmaster; removing its stale lock file",
          dead.pid(),
          data.resolve("postmaster.pid"));
      Files.deleteIfExists(data.resolve("postmaster.pid"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the old PostgreSQL", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException("could not wait for the old PostgreSQL", e);
    }
  }

  /** The pid in the data directory's lock file, if there is a readable one. */
  private static Optional<Long> postmasterPid(Path data) {
    Path pidFile = data.resolve("postmaster.pid");
    try (var lines = Files.lines(pidFile)) {
      return Optional.of(Long.parseLong(lines.findFirst().orElse("").trim()));
    } catch (IOException | NumberFormatException | java.io.UncheckedIOException e) {
      return Optional.empty(); // none, or PostgreSQL itself deals with one it cannot read
    }
  }

  /**
   * A live process that is not a zombie. A killed postmaster whose parent died too stays a zombie
   * until it is reaped, and {@link ProcessHandle#isAlive()} still says true for it.
   */
  static boolean running(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    Path stat = Path.of("/proc", String.valueOf(process.pid()), "stat");
    try {
      String text = Files.readString(stat);
      int end = text.lastIndexOf(')');
      return end < 0 || end + 2 >= text.length() || text.charAt(end + 2) != 'Z';
    } catch (IOException e) {
      return process.isAlive(); // no /proc: trust the handle
    }
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  private static void requireDurability(EmbeddedPostgres postgres) {
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
