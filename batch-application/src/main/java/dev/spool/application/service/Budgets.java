package dev.spool.application.service;

import dev.spool.application.model.Pricing;
import dev.spool.application.port.out.OwnerAccounts;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.money.BudgetExhausted;
import dev.spool.domain.money.Money;
import java.util.Optional;

/** The one rule of whether a batch's budget lets it run on. */
final class Budgets {
  private Budgets() {}

  /** Whether the batch's budget affords its next call, as a claim would reserve it. */
  static boolean affordable(Batch batch, Pricing pricing) {
    return batch.spend().affords(nextCall(batch, pricing));
  }

  /**
   * Refuses a batch paused for its budget whose budget, or whose owner's budget for this month,
   * still cannot afford its next call.
   */
  static void requireAffordable(Batch batch, Pricing pricing, OwnerAccounts owners) {
    if (!batch.isOutOfBudget()) {
      return;
    }
    Money next = nextCall(batch, pricing);
    if (!affordable(batch, pricing)) {
      throw new BudgetExhausted(batch.spend().headroom().orElse(Money.ZERO), next);
    }
    Optional<Money> monthLeft = owners.account(batch.ownerId()).monthLeft();
    if (monthLeft.isPresent() && monthLeft.get().compareTo(next) < 0) {
      throw BudgetExhausted.monthly(monthLeft.get(), next);
    }
  }

  private static Money nextCall(Batch batch, Pricing pricing) {
    return batch.spend().estimate(pricing.firstEstimate());
  }
}
