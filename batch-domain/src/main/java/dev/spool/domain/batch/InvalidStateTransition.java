package dev.spool.domain.batch;

import dev.spool.domain.SpoolException;

/** A batch was asked to do something its current status does not allow. */
public final class InvalidStateTransition extends SpoolException {
  public static final String CODE = "INVALID_STATE_TRANSITION";

  private final BatchStatus from;
  private final String to;

  public InvalidStateTransition(BatchStatus from, BatchStatus to) {
    this(from, to.wireName(), "cannot move a batch from " + from + " to " + to);
  }

  private InvalidStateTransition(BatchStatus from, String to, String message) {
    super(CODE, message);
    this.from = from;
    this.to = to;
  }

  /** Deletion is not a status, but it too depends on one: only finished batches may go. */
  public static InvalidStateTransition deletion(BatchStatus from) {
    return new InvalidStateTransition(
        from,
        "deleted",
        "cannot move a batch from " + from + " to deleted: only finished batches can be deleted");
  }

  /** A finished batch spends nothing more, so its budget no longer changes. */
  public static InvalidStateTransition budgetChange(BatchStatus from) {
    return new InvalidStateTransition(
        from,
        from.wireName(),
        "cannot change the budget of a batch that is " + from + ": it spends nothing more");
  }

  public BatchStatus from() {
    return from;
  }

  public String to() {
    return to;
  }
}
