package dev.spool.adapter.http;

import java.util.Optional;

/**
 * What the HTTP server needs to know of the database, answered at once from state kept by whoever
 * watches it, so that health checks and refusals never wait on a dead connection.
 */
public interface DatabaseHealth {

  /** Empty while the database serves; otherwise why it does not. */
  Optional<String> outage();

  /**
   * Whether {@code failure} means the database is unavailable or out of room (an outage, a full
   * disk), not a bug: such a request gets 503 instead of 500.
   */
  boolean isUnavailable(Throwable failure);

  /**
   * False once the database has been away longer than this process may wait for it, so that a
   * process supervisor restarts the process; true otherwise.
   */
  default boolean live() {
    return true;
  }
}
