package dev.spool.application.service;

import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.DeleteBatch;
import dev.spool.application.port.out.BatchStore;
import dev.spool.application.port.out.Transactions;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.InvalidStateTransition;

/**
 * Deletes a finished batch: it is gone from every read at once, and its rows are removed in bounded
 * chunks by the dispatcher's housekeeping, so the call answers at once at any size.
 */
public final class DeleteBatchService implements DeleteBatch {
  private final OwnedBatches owned;
  private final BatchStore store;
  private final Transactions transactions;
  private final Runnable workAvailable;

  DeleteBatchService(BatchStore store, Transactions transactions, Runnable workAvailable) {
    this.owned = new OwnedBatches(store);
    this.store = store;
    this.transactions = transactions;
    this.workAvailable = workAvailable;
  }

  @Override
  public void delete(Actor actor, BatchId id) {
    transactions.run(() -> {
      Batch batch = owned.lock(actor, id);
      if (!batch.status().isFinished()) {
        throw InvalidStateTransition.deletion(batch.status());
      }
      store.delete(id);
    });
    workAvailable.run();
  }
}
