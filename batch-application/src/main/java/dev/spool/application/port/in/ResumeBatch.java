package dev.spool.application.port.in;

import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.money.Money;
import java.util.Optional;

/** Lets a paused batch run its remaining items again. */
public interface ResumeBatch {

  /**
   * @throws dev.spool.domain.batch.BatchNotFound for an unknown id
   * @throws dev.spool.domain.batch.NotBatchOwner for another user's batch
   * @throws dev.spool.domain.batch.InvalidStateTransition if the status does not allow it
   */
  default Batch resume(Actor actor, BatchId batch) {
    return resume(actor, batch, Optional.empty());
  }

  /**
   * Resumes the batch, first setting its budget to {@code budget} if one is given: how a batch
   * paused for its budget continues with a new one.
   *
   * @throws dev.spool.domain.money.BudgetExhausted if its budget still cannot afford its next call
   */
  Batch resume(Actor actor, BatchId batch, Optional<Money> budget);
}
