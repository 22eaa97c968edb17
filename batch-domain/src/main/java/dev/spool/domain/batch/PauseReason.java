package dev.spool.domain.batch;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Why a batch is paused. */
public enum PauseReason {
  /** Its owner paused it. */
  REQUESTED,
  /**
   * Its next call could exceed its budget, or its owner's budget for the month: raising the budget,
   * or resuming with a new one, continues it.
   */
  BUDGET_EXHAUSTED;

  /** The name used on the wire and in storage, such as {@code budget_exhausted}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<PauseReason> fromWireName(String name) {
    return Arrays.stream(values()).filter(r -> r.wireName().equals(name)).findFirst();
  }
}
