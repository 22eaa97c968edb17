package dev.spool.domain.event;

import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.question.QuestionId;
import java.time.Instant;

/** An item generated its question. */
public record ItemCompleted(
    BatchId batchId, ItemId itemId, QuestionId questionId, int index, int total, Instant at)
    implements BatchEvent {
  public static final String TYPE = "item.completed";

  @Override
  public String type() {
    return TYPE;
  }
}
