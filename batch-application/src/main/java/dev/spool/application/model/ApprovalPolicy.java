package dev.spool.application.model;

import dev.spool.domain.money.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * When a batch asked to wait for approval may skip it: small batches, by item count or by projected
 * cost, run at once. A batch that did not ask for approval never waits.
 *
 * @param itemsBelow a batch of fewer items runs at once (0: none does by size)
 * @param costBelow a batch whose projected cost is below this runs at once (empty: none does by
 *     cost); the projection is the items times the price of a first call, so it needs a price
 */
public record ApprovalPolicy(int itemsBelow, Optional<Money> costBelow) {
  /** Every batch that asks for approval waits for it. */
  public static final ApprovalPolicy ALWAYS = new ApprovalPolicy(0, Optional.empty());

  public ApprovalPolicy {
    Objects.requireNonNull(costBelow, "costBelow");
    if (itemsBelow < 0) {
      throw new IllegalArgumentException("itemsBelow is not negative");
    }
  }

  /** Whether a batch that asked for approval must wait for it. */
  public boolean requires(int items, Optional<Money> projectedCost) {
    if (items < itemsBelow) {
      return false;
    }
    return !(costBelow.isPresent()
        && projectedCost.isPresent()
        && projectedCost.get().compareTo(costBelow.get()) < 0);
  }
}
