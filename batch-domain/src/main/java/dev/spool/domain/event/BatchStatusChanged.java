package dev.spool.domain.event;

import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.PauseReason;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The batch was started, paused, resumed, cancelled or reopened to retry its failed items; or it
 * was created to wait for its owner's approval, and then approved or rejected.
 *
 * @param reason why a batch paused: at its owner's request, or because its budget ran out
 */
public record BatchStatusChanged(
    BatchId batchId, Change change, BatchStatus status, Optional<PauseReason> reason, Instant at)
    implements BatchEvent {

  /** What a person did to the batch, or the dispatcher on their behalf. */
  public enum Change {
    STARTED,
    PAUSED,
    RESUMED,
    CANCELLED,
    RETRYING,
    /** Created pending: nothing runs until its owner approves it. */
    AWAITING_APPROVAL,
    /** Its owner approved it: pending to running. */
    APPROVED,
    /** Its owner rejected it: pending to cancelled, nothing ran. */
    REJECTED
  }

  public BatchStatusChanged {
    Objects.requireNonNull(reason, "reason");
  }

  /** A change that needs no reason. */
  public BatchStatusChanged(BatchId batchId, Change change, BatchStatus status, Instant at) {
    this(batchId, change, status, Optional.empty(), at);
  }

  @Override
  public String type() {
    return BATCH_PREFIX + change.name().toLowerCase(Locale.ROOT);
  }
}
