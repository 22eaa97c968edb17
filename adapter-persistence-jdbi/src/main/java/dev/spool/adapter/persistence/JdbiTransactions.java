package dev.spool.adapter.persistence;

import dev.spool.application.port.out.Transactions;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Transactions as JDBI handles bound to the current thread: every adapter call made inside {@link
 * #inTransaction} uses the same handle and commits with it; a call made outside runs on its own
 * autocommitting handle.
 */
final class JdbiTransactions implements Transactions {
  private final Jdbi jdbi;
  private final ThreadLocal<Handle> current = new ThreadLocal<>();

  JdbiTransactions(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (current.get() != null) {
      return work.get();
    }
    return jdbi.inTransaction(handle -> {
      current.set(handle);
      try {
        return work.get();
      } finally {
        current.remove();
      }
    });
  }

  /** Runs {@code work} on the current transaction's handle, or on a handle of its own. */
  <T> T withHandle(Function<Handle, T> work) {
    Handle handle = current.get();
    return handle != null ? work.apply(handle) : jdbi.withHandle(work::apply);
  }
}
