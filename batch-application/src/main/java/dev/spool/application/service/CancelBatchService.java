package dev.spool.application.service;

import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.CancelBatch;
import dev.spool.application.port.out.BatchItems;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.event.BatchStatusChanged.Change;

/**
 * Cancels a batch and its pending items; items in flight finish and are kept. The status changes at
 * once, with the first {@link #FIRST_CHUNK} pending items; a bigger batch's others are cancelled in
 * bounded chunks by the dispatcher's housekeeping, each announced as progress, so the call answers
 * at once at any size.
 */
public final class CancelBatchService implements CancelBatch {
  static final int FIRST_CHUNK = 5_000;

  private final StatusChanges changes;
  private final BatchItems items;
  private final Runnable workAvailable;

  CancelBatchService(StatusChanges changes, BatchItems items, Runnable workAvailable) {
    this.changes = changes;
    this.items = items;
    this.workAvailable = workAvailable;
  }

  @Override
  public Result cancel(Actor actor, BatchId batch) {
    Batch cancelled =
        changes.apply(
            actor,
            batch,
            Change.CANCELLED,
            (b, now) -> b.cancel(now),
            (b, now) -> items.cancelPending(b.id(), now, FIRST_CHUNK));
    if (cancelled.counts().pending() > 0) {
      workAvailable.run();
    }
    var counts = cancelled.counts();
    return new Result(cancelled, counts.completed(), counts.cancelled(), counts.inFlight());
  }
}
