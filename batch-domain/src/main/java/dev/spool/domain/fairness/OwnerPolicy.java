package dev.spool.domain.fairness;

import dev.spool.domain.money.Money;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What an operator sets for one owner: its weight in the fair share, and its optional quotas and
 * monthly budget, which hold over all its batches and all nodes.
 *
 * @param maxInFlight the most of its items in flight at once
 * @param callsPerSecond the most of its calls started per second, as a token bucket of that rate
 *     whose burst is a tenth of a second's calls (at least one)
 * @param monthlyBudget the most its batches may spend per calendar month (UTC)
 */
public record OwnerPolicy(
    double weight,
    OptionalInt maxInFlight,
    OptionalDouble callsPerSecond,
    Optional<Money> monthlyBudget) {
  public static final OwnerPolicy DEFAULT =
      new OwnerPolicy(
          OwnerShare.DEFAULT_WEIGHT, OptionalInt.empty(), OptionalDouble.empty(), Optional.empty());

  public OwnerPolicy {
    Objects.requireNonNull(maxInFlight, "maxInFlight");
    Objects.requireNonNull(callsPerSecond, "callsPerSecond");
    Objects.requireNonNull(monthlyBudget, "monthlyBudget");
    if (!(weight > 0 && weight <= OwnerShare.MAX_WEIGHT)) {
      throw new IllegalArgumentException(
          "a weight is a number above 0 and at most " + OwnerShare.MAX_WEIGHT + ", got " + weight);
    }
    if (maxInFlight.isPresent() && maxInFlight.getAsInt() < 1) {
      throw new IllegalArgumentException("an owner's most items in flight is at least 1");
    }
    if (callsPerSecond.isPresent()
        && !(callsPerSecond.getAsDouble() > 0 && callsPerSecond.getAsDouble() <= 1_000_000)) {
      throw new IllegalArgumentException(
          "an owner's calls per second are above 0, at most 1,000,000");
    }
  }

  /** The bucket's burst: a tenth of a second's calls, at least one. */
  public static double burst(double callsPerSecond) {
    return Math.max(1, callsPerSecond / 10);
  }

  public OwnerPolicy withWeight(double newWeight) {
    return new OwnerPolicy(newWeight, maxInFlight, callsPerSecond, monthlyBudget);
  }
}
