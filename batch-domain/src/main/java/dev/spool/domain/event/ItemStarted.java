package dev.spool.domain.event;

import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.ItemId;
import java.time.Instant;

/** An item was claimed and its attempt began. {@code index} is its position in the batch. */
public record ItemStarted(
    BatchId batchId, ItemId itemId, int index, int total, int attempt, Instant at)
    implements BatchEvent {
  public static final String TYPE = "item.started";

  @Override
  public String type() {
    return TYPE;
  }
}
