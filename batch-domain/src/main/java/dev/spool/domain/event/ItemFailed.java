package dev.spool.domain.event;

import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.ItemId;
import java.time.Instant;

/**
 * An attempt at an item failed.
 *
 * @param error readable, such as {@code ValidationEngineError: stem too short (42 < 80 chars)}
 * @param willRetry whether the item will be tried again
 */
public record ItemFailed(
    BatchId batchId,
    ItemId itemId,
    int index,
    String errorCode,
    String error,
    int attempt,
    boolean willRetry,
    Instant at)
    implements BatchEvent {
  public static final String TYPE = "item.failed";

  @Override
  public String type() {
    return TYPE;
  }
}
