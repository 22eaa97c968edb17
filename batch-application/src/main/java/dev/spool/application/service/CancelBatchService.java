package dev.spool.application.service;

import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.CancelBatch;
import dev.spool.application.port.out.BatchItems;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.event.BatchStatusChanged.Change;

/** Cancels a batch and its pending items; items in flight finish and are kept. */
public final class CancelBatchService implements CancelBatch {
  private final StatusChanges changes;
  private final BatchItems items;

  CancelBatchService(StatusChanges changes, BatchItems items) {
    this.changes = changes;
    this.items = items;
  }

  @Override
  public Result cancel(Actor actor, BatchId batch) {
    Batch cancelled =
        changes.apply(
            actor,
            batch,
            Change.CANCELLED,
            (b, now) -> b.cancel(now),
            (b, now) -> items.cancelPending(b.id(), now));
    return new Result(cancelled, cancelled.counts().completed(), cancelled.counts().cancelled());
  }
}
