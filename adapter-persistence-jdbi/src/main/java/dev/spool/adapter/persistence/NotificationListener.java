package dev.spool.adapter.persistence;

import dev.spool.application.loop.BackgroundLoop;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a dedicated connection that {@code LISTEN}s for committed events and passes each notified
 * batch id on. After a failure it reconnects on the next turn of its loop (with the loop's
 * backoff), and then reports that anything may have changed, since notifications sent while it was
 * away are lost.
 */
final class NotificationListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);
  private static final int WAIT_MILLIS = 500;

  private final Supplier<Connection> connections;
  private final Consumer<String> onBatch;
  private final Runnable onReconnect;
  private final BackgroundLoop loop;
  private Connection connection;

  NotificationListener(
      Supplier<Connection> connections, Consumer<String> onBatch, Runnable onReconnect) {
    this.connections = connections;
    this.onBatch = onBatch;
    this.onReconnect = onReconnect;
    this.loop = new BackgroundLoop("spool-listen", LOG, "listening for events", this::turn);
    loop.start();
  }

  /** Connects and listens if it is not, then passes on what arrives within half a second. */
  private Duration turn() throws SQLException {
    try {
      if (connection == null) {
        connection = listening();
        onReconnect.run();
      }
      PGNotification[] notifications =
          connection.unwrap(PGConnection.class).getNotifications(WAIT_MILLIS);
      if (notifications != null) {
        for (PGNotification n : notifications) {
          onBatch.accept(n.getParameter());
        }
      }
      return Duration.ZERO;
    } catch (SQLException | RuntimeException e) {
      disconnect();
      throw e instanceof RuntimeException r
          ? DatabaseFailures.translate(r)
          : DatabaseFailures.translate(new IllegalStateException(e.getMessage(), e));
    }
  }

  private Connection listening() throws SQLException {
    Connection opened = connections.get();
    try (Statement statement = opened.createStatement()) {
      statement.execute("LISTEN " + JdbiEventLog.CHANNEL);
      return opened;
    } catch (SQLException | RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  private void disconnect() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // it is being replaced because it failed
      }
      connection = null;
    }
  }

  @Override
  public void close() {
    try {
      loop.stop(Duration.ofSeconds(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // the loop's thread may still hold it if it did not stop in time; closing twice is harmless
    disconnect();
  }
}
