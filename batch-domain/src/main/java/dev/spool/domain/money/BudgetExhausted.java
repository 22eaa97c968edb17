package dev.spool.domain.money;

import dev.spool.domain.SpoolException;

/**
 * A batch cannot run on: its budget, or its owner's for the month, has less left than its next
 * attempt is expected to cost.
 */
public final class BudgetExhausted extends SpoolException {
  public static final String CODE = "BUDGET_EXHAUSTED";

  public BudgetExhausted(Money left, Money nextAttempt) {
    this(
        "the batch's budget has "
            + left
            + " left, less than its next call is expected to cost ("
            + nextAttempt
            + "); raise the budget, or resume with a larger one");
  }

  private BudgetExhausted(String message) {
    super(CODE, message);
  }

  /** The owner's budget for this month, not the batch's, cannot afford the next call. */
  public static BudgetExhausted monthly(Money left, Money nextAttempt) {
    return new BudgetExhausted(
        "your budget for this month has "
            + left
            + " left, less than the batch's next call is expected to cost ("
            + nextAttempt
            + "); it continues when the monthly budget is raised or a new month begins");
  }
}
