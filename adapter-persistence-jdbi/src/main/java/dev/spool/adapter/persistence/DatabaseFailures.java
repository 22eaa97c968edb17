package dev.spool.adapter.persistence;

import dev.spool.application.port.out.StoreUnavailable;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * Which database failures mean "unavailable" rather than a bug: connection failures (SQLSTATE class
 * 08, or the driver's and the pool's connection exceptions), insufficient resources such as a full
 * disk (53), an operator or a crash shutting the server down (57P), and system errors such as I/O
 * failures (58). The one rule for the store, the HTTP server and the database watch.
 */
public final class DatabaseFailures {
  private DatabaseFailures() {}

  /** Whether {@code failure} or one of its causes says the database is unavailable. */
  public static boolean isUnavailable(Throwable failure) {
    return cause(failure).isPresent();
  }

  /** {@code failure} as a {@link StoreUnavailable} if the database is unavailable, else as is. */
  static RuntimeException translate(RuntimeException failure) {
    if (failure instanceof StoreUnavailable) {
      return failure;
    }
    return cause(failure)
        .<RuntimeException>map(sql ->
            new StoreUnavailable("the database is unavailable: " + sql.getMessage(), failure))
        .orElse(failure);
  }

  private static Optional<SQLException> cause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException) {
        return Optional.of((SQLException) t);
      }
      if (t instanceof SQLException sql && unavailableState(sql.getSQLState())) {
        return Optional.of(sql);
      }
    }
    return Optional.empty();
  }

  private static boolean unavailableState(String state) {
    return state != null
        && (state.startsWith("08")
            || state.startsWith("53")
            || state.startsWith("57P")
            || state.startsWith("58"));
  }
}
