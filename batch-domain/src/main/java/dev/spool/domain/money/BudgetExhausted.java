package dev.spool.domain.money;

import dev.spool.domain.SpoolException;

/** A batch cannot run on: its budget has less left than its next attempt is expected to cost. */
public final class BudgetExhausted extends SpoolException {
  public static final String CODE = "BUDGET_EXHAUSTED";

  public BudgetExhausted(Money left, Money nextAttempt) {
    super(
        CODE,
        "the batch's budget has "
            + left
            + " left, less than its next call is expected to cost ("
            + nextAttempt
            + "); raise the budget, or resume with a larger one");
  }
}
