package dev.spool.domain.fairness;

import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.UserId;
import java.util.Objects;

/**
 * A running batch that could take items now.
 *
 * @param virtualTime the batch's clock among its owner's batches: items claimed for it so far, from
 *     where it joined
 * @param items how many items it may take now: its free slots (its own concurrency limit still caps
 *     it), at most its pending items
 */
public record Claimable(BatchId batch, UserId owner, double virtualTime, int items) {
  public Claimable {
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(owner, "owner");
    if (items < 0) {
      throw new IllegalArgumentException("items cannot be negative");
    }
  }
}
