package dev.spool.application.service;

import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.ApproveBatch;
import dev.spool.application.port.out.BatchItems;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.event.BatchStatusChanged.Change;

/** Approves or rejects a batch that waits for its owner's approval. */
public final class ApproveBatchService implements ApproveBatch {
  private final StatusChanges changes;
  private final BatchItems items;
  private final Runnable workAvailable;

  ApproveBatchService(StatusChanges changes, BatchItems items, Runnable workAvailable) {
    this.changes = changes;
    this.items = items;
    this.workAvailable = workAvailable;
  }

  @Override
  public Batch approve(Actor actor, BatchId batch) {
    Batch approved =
        changes.apply(
            actor, batch, Change.APPROVED, (b, now) -> b.approve(now), StatusChanges::nothing);
    workAvailable.run();
    return approved;
  }

  @Override
  public Batch reject(Actor actor, BatchId batch) {
    Batch rejected =
        changes.apply(
            actor,
            batch,
            Change.REJECTED,
            (b, now) -> b.reject(now),
            (b, now) -> items.cancelPending(b.id(), now, CancelBatchService.FIRST_CHUNK));
    if (rejected.counts().pending() > 0) {
      workAvailable.run();
    }
    return rejected;
  }
}
