package dev.spool.application.service;

import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.RetryFailedItems;
import dev.spool.application.port.out.BatchItems;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.event.BatchStatusChanged.Change;

/** Reopens a batch that ended with failures and resets only its failed items. */
public final class RetryFailedItemsService implements RetryFailedItems {
  private final StatusChanges changes;
  private final BatchItems items;
  private final Runnable workAvailable;

  RetryFailedItemsService(StatusChanges changes, BatchItems items, Runnable workAvailable) {
    this.changes = changes;
    this.items = items;
    this.workAvailable = workAvailable;
  }

  @Override
  public Batch retryFailed(Actor actor, BatchId batch) {
    Batch reopened =
        changes.apply(
            actor,
            batch,
            Change.RETRYING,
            (b, now) -> b.retryFailed(),
            (b, now) -> items.resetFailed(b.id(), now));
    workAvailable.run();
    return reopened;
  }
}
