package dev.spool.domain.event;

import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.question.QuestionId;
import java.time.Instant;
import java.util.Objects;

/**
 * An item generated its question.
 *
 * @param stemPreview the first line of the question's stem, shortened to {@link
 *     StemPreview#MAX_LENGTH} characters, so that a feed shows what was made; empty in events
 *     stored before it was kept
 */
public record ItemCompleted(
    BatchId batchId,
    ItemId itemId,
    QuestionId questionId,
    int index,
    int total,
    String stemPreview,
    Instant at)
    implements BatchEvent {
  public static final String TYPE = "item.completed";

  public ItemCompleted {
    Objects.requireNonNull(stemPreview, "stemPreview");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
