package dev.spool.application.port.in;

import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;

/**
 * Stops a running batch from starting new items. Items already in flight finish and are kept. Once
 * this returns, no further item of the batch starts.
 */
public interface PauseBatch {

  /**
   * @throws dev.spool.domain.batch.BatchNotFound for an unknown id
   * @throws dev.spool.domain.batch.NotBatchOwner for another user's batch
   * @throws dev.spool.domain.batch.InvalidStateTransition if the status does not allow it
   */
  Batch pause(Actor actor, BatchId batch);
}
