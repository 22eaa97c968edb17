package dev.spool.domain.event;

import dev.spool.domain.batch.BatchId;
import dev.spool.domain.progress.Progress;
import java.time.Instant;

/** A snapshot of the batch's counts, progress and ETA. */
public record BatchProgressed(BatchId batchId, Progress progress, Instant at)
    implements BatchEvent {
  public static final String TYPE = "batch.progress";

  @Override
  public String type() {
    return TYPE;
  }
}
