package dev.spool.adapter.persistence;

import dev.spool.application.port.out.Transactions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Transactions as JDBI handles bound to the current thread: every adapter call made inside {@link
 * #inTransaction} uses the same handle and commits with it; a call made outside runs on its own
 * autocommitting handle.
 *
 * <p>Work may also be left for the end of the transaction ({@link #atCommit}): it runs on the
 * handle after everything else, right before the commit.
 */
final class JdbiTransactions implements Transactions {
  private final Jdbi jdbi;
  private final ThreadLocal<Handle> current = new ThreadLocal<>();
  private final ThreadLocal<Map<Class<?>, AtCommit>> atCommit = new ThreadLocal<>();

  /** Work gathered during a transaction and done once, right before it commits. */
  interface AtCommit {
    void run(Handle handle);
  }

  JdbiTransactions(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (current.get() != null) {
      return work.get();
    }
    try {
      return jdbi.inTransaction(handle -> {
        current.set(handle);
        atCommit.set(new LinkedHashMap<>());
        try {
          T result = work.get();
          for (AtCommit last : atCommit.get().values()) {
            last.run(handle);
          }
          return result;
        } finally {
          current.remove();
          atCommit.remove();
        }
      });
    } catch (RuntimeException e) {
      throw DatabaseFailures.translate(e);
    }
  }

  /**
   * The current transaction's gatherer of {@code kind}, made by {@code create} on first use, that
   * runs right before the transaction commits. Outside a transaction there is nothing to gather
   * into: the caller is told so with an {@link IllegalStateException}.
   */
  <A extends AtCommit> A atCommit(Class<A> kind, Supplier<A> create) {
    Map<Class<?>, AtCommit> pending = atCommit.get();
    if (pending == null) {
      throw new IllegalStateException("work for the commit needs a transaction");
    }
    return kind.cast(pending.computeIfAbsent(kind, k -> create.get()));
  }

  /**
   * Runs {@code work} on the current transaction's handle, or on a handle of its own. A database
   * that is away surfaces as a {@link dev.spool.application.port.out.StoreUnavailable}.
   */
  <T> T withHandle(Function<Handle, T> work) {
    Handle handle = current.get();
    try {
      return handle != null ? work.apply(handle) : jdbi.withHandle(work::apply);
    } catch (RuntimeException e) {
      throw DatabaseFailures.translate(e);
    }
  }

  /**
   * Runs {@code work} in a transaction (the current one, or one of its own) with bitmap scans and
   * sorts priced out of the planner's reach: see {@link #withOrderedScans}.
   */
  <T> T inOrderedScans(Function<Handle, T> work) {
    return inTransaction(() -> withHandle(h -> withOrderedScans(h, () -> work.apply(h))));
  }

  /**
   * Runs {@code work} in {@code h}'s transaction with bitmap scans and sorts priced out of the
   * planner's reach, for queue-table reads that must walk an index already in the order they want:
   * the claim (the partial index of pending rows, in position order) and pages of one batch's items
   * (in position order). With statistics that do not know the table's current shape (a table never
   * analyzed, or analyzed before the batch existed or while nothing was pending) the planner
   * expects a handful of rows and prefers to read all of the batch's through a bitmap and sort
   * them: 50 ms and a 3.5 MB spill to disk per claim on a 100k-item batch, and 6 ms per read of the
   * latest completions at 20k (from a partial index of completed items, before migration V15),
   * until autovacuum catches up. A sort the plan cannot do without still runs. The settings are
   * reset when {@code work} returns; if it fails, the transaction's rollback undoes them.
   */
  static <T> T withOrderedScans(Handle h, Supplier<T> work) {
    h.execute("SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off");
    T result = work.get();
    h.execute("RESET enable_bitmapscan; RESET enable_sort");
    return result;
  }
}
