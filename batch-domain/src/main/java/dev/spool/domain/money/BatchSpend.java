package dev.spool.domain.money;

import dev.spool.domain.batch.ItemCounts;
import java.util.Objects;
import java.util.Optional;

/**
 * What a batch has spent and may spend.
 *
 * @param budget the most the batch may spend, if its owner set one
 * @param spent what its settled attempts cost
 * @param reserved the estimates held for its attempts in flight, released as each settles
 */
public record BatchSpend(Optional<Money> budget, Money spent, Money reserved) {
  public static final BatchSpend NONE = new BatchSpend(Optional.empty(), Money.ZERO, Money.ZERO);

  public BatchSpend {
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(spent, "spent");
    Objects.requireNonNull(reserved, "reserved");
  }

  public static BatchSpend budgeted(Optional<Money> budget) {
    return new BatchSpend(budget, Money.ZERO, Money.ZERO);
  }

  public BatchSpend withBudget(Optional<Money> newBudget) {
    return new BatchSpend(newBudget, spent, reserved);
  }

  /** After an attempt that held {@code released} settled at a cost of {@code cost}. */
  public BatchSpend settled(Money released, Money cost) {
    return new BatchSpend(budget, spent.plus(cost), reserved.minus(released));
  }

  /** What may still be reserved: the budget less what is spent and held; empty without one. */
  public Optional<Money> headroom() {
    return budget.map(b -> b.minus(spent).minus(reserved));
  }

  /** Whether one more attempt, estimated at {@code estimate}, stays within the budget. */
  public boolean affords(Money estimate) {
    return headroom().map(h -> h.compareTo(estimate) >= 0).orElse(true);
  }

  /**
   * What the whole batch will cost at the rate so far: spend per completed item times the items.
   * Empty until an item has completed.
   */
  public Optional<Money> projected(ItemCounts counts) {
    if (counts.completed() == 0) {
      return Optional.empty();
    }
    return Optional.of(new Money(Math.ceilDiv(spent.nanos(), counts.completed()) * counts.total()));
  }

  /** What a progress report shows of this spend for a batch with {@code counts}. */
  public Spend report(ItemCounts counts) {
    return new Spend(spent, projected(counts), budget);
  }
}
