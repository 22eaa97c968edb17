package dev.spool.domain.money;

import java.util.Objects;
import java.util.Optional;

/**
 * What a batch has spent and may spend.
 *
 * @param budget the most the batch may spend, if its owner set one
 * @param spent what its settled attempts cost
 * @param reserved the estimates held for its attempts in flight, released as each settles
 * @param charged how many settled attempts cost something: {@code spent / charged} is what the next
 *     one is expected to cost
 */
public record BatchSpend(Optional<Money> budget, Money spent, Money reserved, long charged) {
  public static final BatchSpend NONE = new BatchSpend(Optional.empty(), Money.ZERO, Money.ZERO, 0);

  public BatchSpend {
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(spent, "spent");
    Objects.requireNonNull(reserved, "reserved");
    if (charged < 0) {
      throw new IllegalArgumentException("charged cannot be negative");
    }
  }

  /** Spend with nothing charged yet. */
  public BatchSpend(Optional<Money> budget, Money spent, Money reserved) {
    this(budget, spent, reserved, spent.isPositive() ? 1 : 0);
  }

  public static BatchSpend budgeted(Optional<Money> budget) {
    return new BatchSpend(budget, Money.ZERO, Money.ZERO, 0);
  }

  public BatchSpend withBudget(Optional<Money> newBudget) {
    return new BatchSpend(newBudget, spent, reserved, charged);
  }

  /** After an attempt that held {@code released} settled at a cost of {@code cost}. */
  public BatchSpend settled(Money released, Money cost) {
    return new BatchSpend(
        budget, spent.plus(cost), reserved.minus(released), charged + (cost.isPositive() ? 1 : 0));
  }

  /**
   * What the next attempt is expected to cost, and is reserved before it starts: the mean cost of
   * the attempts charged so far, or {@code firstEstimate} before any was. A store's claim computes
   * the same rule.
   */
  public Money estimate(Money firstEstimate) {
    return charged == 0 ? firstEstimate : new Money(Math.ceilDiv(spent.nanos(), charged));
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
  public Optional<Money> projected(int completed, int total) {
    if (completed == 0) {
      return Optional.empty();
    }
    return Optional.of(new Money(Math.ceilDiv(spent.nanos(), completed) * total));
  }

  /** What a progress report shows of this spend for a batch of {@code total} items. */
  public Spend report(int completed, int total) {
    return new Spend(spent, projected(completed, total), budget);
  }
}
