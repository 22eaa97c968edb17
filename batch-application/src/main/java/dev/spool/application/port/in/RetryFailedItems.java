package dev.spool.application.port.in;

import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;

/**
 * Runs the failed items of a finished batch again, each with a fresh retry budget. Completed items
 * are never generated again.
 */
public interface RetryFailedItems {

  /**
   * @throws dev.spool.domain.batch.BatchNotFound for an unknown id
   * @throws dev.spool.domain.batch.NotBatchOwner for another user's batch
   * @throws dev.spool.domain.batch.InvalidStateTransition if the status does not allow it
   */
  Batch retryFailed(Actor actor, BatchId batch);
}
