package dev.spool.domain.event;

import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchStatus;
import java.time.Instant;
import java.util.Locale;

/** The batch was started, paused, resumed, cancelled or reopened to retry its failed items. */
public record BatchStatusChanged(BatchId batchId, Change change, BatchStatus status, Instant at)
    implements BatchEvent {

  /** What a person did to the batch, or the dispatcher on their behalf. */
  public enum Change {
    STARTED,
    PAUSED,
    RESUMED,
    CANCELLED,
    RETRYING
  }

  @Override
  public String type() {
    return BATCH_PREFIX + change.name().toLowerCase(Locale.ROOT);
  }
}
