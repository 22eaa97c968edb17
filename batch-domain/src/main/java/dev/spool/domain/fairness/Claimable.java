package dev.spool.domain.fairness;

import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.money.Money;
import java.util.Objects;

/**
 * A running batch that could take items now.
 *
 * @param virtualTime the batch's clock among its owner's batches: items claimed for it so far, from
 *     where it joined
 * @param items how many items it may take now: its free slots (its own concurrency limit still caps
 *     it), at most its pending items, and at most what its own budget affords
 * @param estimate what one attempt of the batch is expected to cost, reserved from its owner's
 *     monthly budget when claimed
 */
public record Claimable(
    BatchId batch, UserId owner, double virtualTime, int items, Money estimate) {
  public Claimable {
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(estimate, "estimate");
    if (items < 0) {
      throw new IllegalArgumentException("items cannot be negative");
    }
  }

  /** A batch whose attempts reserve no money. */
  public Claimable(BatchId batch, UserId owner, double virtualTime, int items) {
    this(batch, owner, virtualTime, items, Money.ZERO);
  }
}
