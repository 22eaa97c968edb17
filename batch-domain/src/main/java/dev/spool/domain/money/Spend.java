package dev.spool.domain.money;

import java.util.Objects;
import java.util.Optional;

/**
 * The money part of a batch's progress.
 *
 * @param projected spend per completed item times the batch's items; empty before a completion
 */
public record Spend(Money spent, Optional<Money> projected, Optional<Money> budget) {
  public static final Spend NONE = new Spend(Money.ZERO, Optional.empty(), Optional.empty());

  public Spend {
    Objects.requireNonNull(spent, "spent");
    Objects.requireNonNull(projected, "projected");
    Objects.requireNonNull(budget, "budget");
  }
}
