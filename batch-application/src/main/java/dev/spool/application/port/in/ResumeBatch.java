package dev.spool.application.port.in;

import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;

/** Lets a paused batch run its remaining items again. */
public interface ResumeBatch {

  /**
   * @throws dev.spool.domain.batch.BatchNotFound for an unknown id
   * @throws dev.spool.domain.batch.NotBatchOwner for another user's batch
   * @throws dev.spool.domain.batch.InvalidStateTransition if the status does not allow it
   */
  Batch resume(Actor actor, BatchId batch);
}
