package dev.spool.application.port.out;

import dev.spool.domain.SpoolException;

/**
 * The store cannot serve now: its database is away, refuses connections, or is out of room (a full
 * disk). Not a bug, and not the caller's fault: the same call may succeed later. Stores throw it so
 * that callers can tell an outage from a failure without knowing the store's technology.
 */
public final class StoreUnavailable extends SpoolException {
  public static final String CODE = "SERVICE_UNAVAILABLE";

  public StoreUnavailable(String message, Throwable cause) {
    super(CODE, message, cause);
  }

  /** Whether {@code failure}, or any of its causes, is a {@link StoreUnavailable}. */
  public static boolean isCauseOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StoreUnavailable) {
        return true;
      }
    }
    return false;
  }
}
