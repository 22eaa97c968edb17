package dev.spool.domain.fairness;

import dev.spool.domain.money.Money;
import java.util.Objects;

/**
 * The most one owner may claim now, over all its batches: what its quotas (items in flight, calls
 * per second) and its monthly budget leave.
 *
 * @param items how many more items it may claim
 * @param money how much more its claims may reserve
 */
public record Allowance(int items, Money money) {
  public static final Allowance UNLIMITED = new Allowance(Integer.MAX_VALUE, Money.MAX);

  public Allowance {
    Objects.requireNonNull(money, "money");
    if (items < 0) {
      throw new IllegalArgumentException("an allowance cannot be negative");
    }
  }
}
