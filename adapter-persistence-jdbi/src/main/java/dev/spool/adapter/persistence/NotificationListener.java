package dev.spool.adapter.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a dedicated connection that {@code LISTEN}s for committed events and passes each notified
 * batch id on. It reconnects after a failure, and then reports that anything may have changed,
 * since notifications sent while it was away are lost.
 */
final class NotificationListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);

  private final Supplier<Connection> connections;
  private final Consumer<String> onBatch;
  private final Runnable onReconnect;
  private volatile boolean running = true;
  private final Thread thread;

  NotificationListener(
      Supplier<Connection> connections, Consumer<String> onBatch, Runnable onReconnect) {
    this.connections = connections;
    this.onBatch = onBatch;
    this.onReconnect = onReconnect;
    this.thread = Thread.ofPlatform().daemon().name("spool-listen").start(this::loop);
  }

  private void loop() {
    int failures = 0;
    while (running) {
      try (Connection connection = connections.get()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + JdbiEventLog.CHANNEL);
        }
        if (failures > 0) {
          LOG.debug("event listener reconnected after {} tries", failures);
        }
        failures = 0;
        onReconnect.run();
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notifications = pg.getNotifications(500);
          if (notifications != null) {
            for (PGNotification n : notifications) {
              onBatch.accept(n.getParameter());
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          return;
        }
        failures++;
        // during an outage the database watch says so once; here only the 1st, 2nd, 4th... try
        if (!DatabaseFailures.isUnavailable(e) && Integer.bitCount(failures) == 1) {
          LOG.warn(
              "event listener lost its connection (try {}): {}; reconnecting",
              failures,
              e.getMessage());
        } else {
          LOG.debug("event listener lost its connection (try {}): {}", failures, e.getMessage());
        }
        sleep(Math.min(5_000, 100L << Math.min(failures, 6)));
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
