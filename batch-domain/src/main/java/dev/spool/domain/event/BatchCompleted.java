package dev.spool.domain.event;

import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * The batch finished: completed, completed with errors, or failed. Published exactly once per
 * finish, for downstream consumers.
 *
 * @param throughput completed items per second over the run
 * @param reason why a batch-fatal error ended it, if one did
 */
public record BatchCompleted(
    BatchId batchId,
    BatchStatus status,
    int totalCompleted,
    int totalFailed,
    long durationMs,
    double throughput,
    Optional<String> reason,
    Instant at)
    implements BatchEvent {
  public static final String TYPE = "batch.complete";

  @Override
  public String type() {
    return TYPE;
  }
}
