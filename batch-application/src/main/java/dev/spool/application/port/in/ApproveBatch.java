package dev.spool.application.port.in;

import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;

/**
 * The owner's decision on a batch that waits for approval: approving lets it run; rejecting cancels
 * it before anything ran. Each is recorded in the batch's event log ({@code batch.approved}, {@code
 * batch.rejected}).
 */
public interface ApproveBatch {

  /**
   * pending -> running.
   *
   * @throws dev.spool.domain.batch.BatchNotFound for an unknown id
   * @throws dev.spool.domain.batch.NotBatchOwner for another user's batch
   * @throws dev.spool.domain.batch.InvalidStateTransition if it does not wait for approval
   */
  Batch approve(Actor actor, BatchId batch);

  /**
   * pending -> cancelled, with every item cancelled.
   *
   * @throws dev.spool.domain.batch.BatchNotFound for an unknown id
   * @throws dev.spool.domain.batch.NotBatchOwner for another user's batch
   * @throws dev.spool.domain.batch.InvalidStateTransition if it does not wait for approval
   */
  Batch reject(Actor actor, BatchId batch);
}
