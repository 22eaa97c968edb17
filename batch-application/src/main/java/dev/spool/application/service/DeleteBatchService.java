package dev.spool.application.service;

import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.DeleteBatch;
import dev.spool.application.port.out.BatchStore;
import dev.spool.application.port.out.Transactions;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.InvalidStateTransition;

/** Deletes a finished batch. */
public final class DeleteBatchService implements DeleteBatch {
  private final OwnedBatches owned;
  private final BatchStore store;
  private final Transactions transactions;

  DeleteBatchService(BatchStore store, Transactions transactions) {
    this.owned = new OwnedBatches(store);
    this.store = store;
    this.transactions = transactions;
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
  }
}
