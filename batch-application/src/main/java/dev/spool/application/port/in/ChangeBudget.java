package dev.spool.application.port.in;

import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.money.Money;
import java.util.Optional;

/** Sets or removes a batch's budget. */
public interface ChangeBudget {

  /**
   * Sets the batch's budget to {@code budget}, or removes it. What the batch spent and holds stays.
   * A batch paused because its budget ran out continues once the new budget affords its next call.
   *
   * @throws dev.spool.domain.batch.BatchNotFound for an unknown id
   * @throws dev.spool.domain.batch.NotBatchOwner for another user's batch
   * @throws dev.spool.domain.batch.InvalidStateTransition for a finished batch
   */
  Batch change(Actor actor, BatchId batch, Optional<Money> budget);
}
