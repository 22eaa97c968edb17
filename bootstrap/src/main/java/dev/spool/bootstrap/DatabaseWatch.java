package dev.spool.bootstrap;

import dev.spool.adapter.http.DatabaseHealth;
import dev.spool.adapter.persistence.DatabaseFailures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the database with its own connection, four times a second, so that the HTTP server can
 * answer health checks and refuse calls at once from what it last saw. While the database is away:
 *
 * <ul>
 *   <li>{@link GuardedDataSource} refuses connections at once, so that every loop, request and a
 *       shutdown fail fast instead of waiting out the pool's timeout;
 *   <li>the log says once that the outage began, reminds once a minute, and says when it ended;
 *   <li>an embedded PostgreSQL whose postmaster died is started again on the same files, with
 *       backoff; if it is not back within the recovery limit, {@link #live()} turns false so that a
 *       process supervisor restarts Spool.
 * </ul>
 */
final class DatabaseWatch implements DatabaseHealth, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseWatch.class);
  private static final Duration PROBE_INTERVAL = Duration.ofMillis(250);
  private static final Duration REMINDER = Duration.ofMinutes(1);
  private static final Duration MAX_RESTART_BACKOFF = Duration.ofSeconds(30);

  private final String url;
  private final Properties credentials;
  private final Optional<EmbeddedPostgresServer> embedded;
  private final Duration recoveryLimit;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile String outage;
  private volatile long outageSince;
  private long lastReminder;
  private long nextRestart;
  private Duration restartBackoff = Duration.ofSeconds(1);
  private Connection probe;

  DatabaseWatch(
      String url,
      Properties credentials,
      Optional<EmbeddedPostgresServer> embedded,
      Duration recoveryLimit) {
    this.url = url;
    this.credentials = new Properties();
    this.credentials.putAll(credentials);
    this.credentials.setProperty("connectTimeout", "1");
    this.credentials.setProperty("socketTimeout", "2");
    this.credentials.setProperty("loginTimeout", "2");
    this.credentials.setProperty("ApplicationName", "spool-watch");
    this.embedded = embedded;
    this.recoveryLimit = recoveryLimit;
    this.thread = Thread.ofPlatform().daemon().name("spool-db-watch").unstarted(this::loop);
  }

  void start() {
    thread.start();
  }

  @Override
  public Optional<String> outage() {
    return Optional.ofNullable(outage);
  }

  @Override
  public boolean live() {
    String away = outage;
    return away == null
        || embedded.isEmpty()
        || System.nanoTime() - outageSince < recoveryLimit.toNanos();
  }

  @Override
  public boolean isUnavailable(Throwable failure) {
    boolean unavailable = DatabaseFailures.isUnavailable(failure);
    if (unavailable) {
      LockSupport.unpark(thread); // look now rather than at the next tick
    }
    return unavailable;
  }

  private void loop() {
    while (running) {
      Optional<String> problem = probeOnce();
      if (problem.isPresent()) {
        down(problem.get());
      } else {
        up();
      }
      LockSupport.parkNanos(PROBE_INTERVAL.toNanos());
    }
    closeProbe();
  }

  private Optional<String> probeOnce() {
    try {
      if (probe == null || probe.isClosed()) {
        probe = DriverManager.getConnection(url, credentials);
      }
      try (Statement s = probe.createStatement()) {
        s.setQueryTimeout(2);
        s.execute("SELECT 1");
      }
      return Optional.empty();
    } catch (SQLException e) {
      closeProbe();
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  private void down(String reason) {
    long now = System.nanoTime();
    if (outage == null) {
      outageSince = now;
      lastReminder = now;
      nextRestart = now;
      outage = reason;
      LOG.warn("the database is unavailable ({}); API calls answer 503 until it is back", reason);
    } else if (now - lastReminder >= REMINDER.toNanos()) {
      lastReminder = now;
      LOG.warn(
          "the database is still unavailable after {} s ({})",
          Duration.ofNanos(now - outageSince).toSeconds(),
          reason);
    }
    embedded.ifPresent(server -> superviseEmbedded(server, now));
  }

  private void superviseEmbedded(EmbeddedPostgresServer server, long now) {
    if (now < nextRestart || server.postmasterAlive()) {
      return;
    }
    LOG.warn("the embedded PostgreSQL's postmaster is gone; starting it again");
    try {
      server.restart();
      restartBackoff = Duration.ofSeconds(1);
    } catch (RuntimeException e) {
      LOG.warn(
          "could not restart the embedded PostgreSQL ({}); trying again in {} s",
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
          restartBackoff.toSeconds());
      nextRestart = System.nanoTime() + restartBackoff.toNanos();
      restartBackoff = min(restartBackoff.multipliedBy(2), MAX_RESTART_BACKOFF);
    }
  }

  private void up() {
    if (outage != null) {
      LOG.info(
          "the database is available again after {} s",
          Duration.ofNanos(System.nanoTime() - outageSince).toSeconds());
      outage = null;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private void closeProbe() {
    if (probe != null) {
      try {
        probe.close();
      } catch (SQLException e) {
        // it is being replaced or the watch is ending
      }
      probe = null;
    }
  }

  @Override
  public void close() {
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
