package dev.spool.domain.dispatch;

import dev.spool.domain.batch.BatchId;

/** A check that one claim respects a batch's concurrency. */
public final class DispatchPolicy {
  private DispatchPolicy() {}

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
