package dev.spool.application.service;

import dev.spool.application.port.in.Actor;
import dev.spool.application.port.out.BatchStore;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchNotFound;
import dev.spool.domain.batch.NotBatchOwner;
import java.util.Optional;

/** Loads a batch for its owner: unknown ids and other users' batches are refused alike. */
final class OwnedBatches {
  private final BatchStore store;

  OwnedBatches(BatchStore store) {
    this.store = store;
  }

  Batch read(Actor actor, BatchId id) {
    return owned(actor, id, store.find(id));
  }

  /** Reads and locks the batch until the current transaction ends. */
  Batch lock(Actor actor, BatchId id) {
    return owned(actor, id, store.lock(id));
  }

  private static Batch owned(Actor actor, BatchId id, Optional<Batch> found) {
    Batch batch = found.orElseThrow(() -> new BatchNotFound(id));
    if (!batch.isOwnedBy(actor.id())) {
      throw new NotBatchOwner(id);
    }
    return batch;
  }
}
