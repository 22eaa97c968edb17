package dev.spool.application.port.in;

import dev.spool.application.model.Page;
import dev.spool.application.model.PageRequest;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.ItemStatus;
import dev.spool.domain.question.QuestionId;
import java.util.Map;
import java.util.Optional;

/** The items of one owned batch, in position order. */
public interface ListItems {

  /**
   * @throws dev.spool.domain.batch.BatchNotFound for an unknown id
   * @throws dev.spool.domain.batch.NotBatchOwner for another user's batch
   */
  Page<BatchItem> list(Actor actor, BatchId batch, Optional<ItemStatus> status, PageRequest page);

  /**
   * As {@link #list}, with what the completed items on the page made: the first line of each
   * question's stem ({@link dev.spool.domain.event.StemPreview}), by question, for a list to show.
   *
   * @throws dev.spool.domain.batch.BatchNotFound for an unknown id
   * @throws dev.spool.domain.batch.NotBatchOwner for another user's batch
   */
  Listed listWithPreviews(
      Actor actor, BatchId batch, Optional<ItemStatus> status, PageRequest page);

  /** A page of items and the stem previews of its completed ones. */
  record Listed(Page<BatchItem> items, Map<QuestionId, String> stemPreviews) {
    public Listed {
      stemPreviews = Map.copyOf(stemPreviews);
    }
  }
}
