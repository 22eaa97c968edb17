package dev.spool.domain.dispatch;

import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchStatus;

/** How many more items of a batch may start now. */
public final class DispatchPolicy {
  private DispatchPolicy() {}

  /** Concurrency minus items in flight, and zero unless the batch is running. */
  public static int freeSlots(BatchStatus status, int concurrency, int inFlight) {
    if (status != BatchStatus.RUNNING) {
      return 0;
    }
    return Math.max(0, concurrency - inFlight);
  }

  /**
   * Checks that {@code inFlight} items of a batch respect its concurrency.
   *
   * @throws ConcurrencyLimitError if they do not
   */
  public static void requireWithinLimit(BatchId batch, int concurrency, int inFlight) {
    if (inFlight > concurrency) {
      throw new ConcurrencyLimitError(batch, concurrency, inFlight);
    }
  }
}
