package dev.spool.application.service;

import dev.spool.application.model.Pricing;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.money.BudgetExhausted;
import dev.spool.domain.money.Money;

/** The one rule of whether a batch's budget lets it run on. */
final class Budgets {
  private Budgets() {}

  /** Whether the batch's budget affords its next call, as a claim would reserve it. */
  static boolean affordable(Batch batch, Pricing pricing) {
    return batch.spend().affords(nextCall(batch, pricing));
  }

  /** Refuses a batch paused for its budget whose budget still cannot afford its next call. */
  static void requireAffordable(Batch batch, Pricing pricing) {
    if (batch.isOutOfBudget() && !affordable(batch, pricing)) {
      throw new BudgetExhausted(
          batch.spend().headroom().orElse(Money.ZERO), nextCall(batch, pricing));
    }
  }

  private static Money nextCall(Batch batch, Pricing pricing) {
    return batch.spend().estimate(pricing.firstEstimate());
  }
}
