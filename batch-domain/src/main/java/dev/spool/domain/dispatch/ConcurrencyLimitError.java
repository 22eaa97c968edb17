package dev.spool.domain.dispatch;

import dev.spool.domain.SpoolException;
import dev.spool.domain.batch.BatchId;

/** More items of a batch would be in flight than its concurrency allows. */
public final class ConcurrencyLimitError extends SpoolException {
  public static final String CODE = "CONCURRENCY_LIMIT_EXCEEDED";

  public ConcurrencyLimitError(BatchId batch, int limit, int inFlight) {
    super(
        CODE,
        "batch " + batch + " would have " + inFlight + " items in flight; its limit is " + limit);
  }
}
