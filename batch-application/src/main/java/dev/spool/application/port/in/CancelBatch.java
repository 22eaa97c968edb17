package dev.spool.application.port.in;

import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;

/**
 * Cancels a batch: its pending items are cancelled, items in flight finish and are kept. Once this
 * returns, no further item of the batch starts.
 */
public interface CancelBatch {

  /**
   * @throws dev.spool.domain.batch.BatchNotFound for an unknown id
   * @throws dev.spool.domain.batch.NotBatchOwner for another user's batch
   * @throws dev.spool.domain.batch.InvalidStateTransition if the batch already finished
   */
  Result cancel(Actor actor, BatchId batch);

  /**
   * @param completedItems items completed when the cancel took effect
   * @param cancelledItems items that will not run (a big batch's pending items are cancelled in
   *     chunks after the call, so this may grow)
   * @param inFlightItems items running when the cancel took effect; they finish and are kept
   */
  record Result(Batch batch, int completedItems, int cancelledItems, int inFlightItems) {}
}
