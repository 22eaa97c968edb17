package dev.spool.application.model;

import dev.spool.domain.batch.UserId;
import dev.spool.domain.fairness.OwnerPolicy;
import dev.spool.domain.money.Money;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an owner stands: its policy, and what it spent this month and holds for calls in flight.
 *
 * @param inFlight its items in flight now, over all its batches and nodes
 */
public record OwnerAccount(
    UserId owner,
    OwnerPolicy policy,
    YearMonth month,
    Money monthSpent,
    Money reserved,
    int inFlight) {

  public OwnerAccount {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(monthSpent, "monthSpent");
    Objects.requireNonNull(reserved, "reserved");
  }

  /** What the monthly budget has left, after what is spent and held; empty without one. */
  public Optional<Money> monthLeft() {
    return policy.monthlyBudget().map(b -> b.minus(monthSpent).minus(reserved));
  }
}
