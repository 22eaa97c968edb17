package dev.spool.application.port.in;

import dev.spool.domain.batch.BatchId;

/** Deletes a finished batch with its items, questions and events. */
public interface DeleteBatch {

  /**
   * @throws dev.spool.domain.batch.BatchNotFound for an unknown id
   * @throws dev.spool.domain.batch.NotBatchOwner for another user's batch
   * @throws dev.spool.domain.batch.InvalidStateTransition unless the batch is finished
   */
  void delete(Actor actor, BatchId batch);
}
