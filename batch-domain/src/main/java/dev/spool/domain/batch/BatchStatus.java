package dev.spool.domain.batch;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The life cycle of a batch. The transition table below is the whole state machine: a move that is
 * not listed is refused with {@link InvalidStateTransition}.
 *
 * <pre>
 * pending  -> running | cancelled
 * running  -> paused | cancelled | completed | completed_with_errors | failed
 * paused   -> running | cancelled
 * completed_with_errors | failed -> running   (retry of the failed items)
 * completed, cancelled: final
 * </pre>
 */
public enum BatchStatus {
  PENDING,
  RUNNING,
  PAUSED,
  COMPLETED,
  COMPLETED_WITH_ERRORS,
  FAILED,
  CANCELLED;

  /** Computed once: statuses are read and written for every item a dispatcher settles. */
  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The statuses this one may move to. */
  public Set<BatchStatus> allowedTargets() {
    return switch (this) {
      case PENDING -> EnumSet.of(RUNNING, CANCELLED);
      case RUNNING -> EnumSet.of(PAUSED, CANCELLED, COMPLETED, COMPLETED_WITH_ERRORS, FAILED);
      case PAUSED -> EnumSet.of(RUNNING, CANCELLED);
      case COMPLETED_WITH_ERRORS, FAILED -> EnumSet.of(RUNNING);
      case COMPLETED, CANCELLED -> EnumSet.noneOf(BatchStatus.class);
    };
  }

  public boolean canMoveTo(BatchStatus target) {
    return allowedTargets().contains(target);
  }

  /**
   * Returns {@code target} if the table allows the move.
   *
   * @throws InvalidStateTransition naming both states otherwise
   */
  public BatchStatus moveTo(BatchStatus target) {
    if (!canMoveTo(target)) {
      throw new InvalidStateTransition(this, target);
    }
    return target;
  }

  /** Completed, completed with errors, failed or cancelled: no item will run without a retry. */
  public boolean isFinished() {
    return switch (this) {
      case COMPLETED, COMPLETED_WITH_ERRORS, FAILED, CANCELLED -> true;
      case PENDING, RUNNING, PAUSED -> false;
    };
  }

  /** The name used on the wire and in storage, such as {@code completed_with_errors}. */
  public String wireName() {
    return wireName;
  }

  public static Optional<BatchStatus> fromWireName(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return wireName();
  }
}
