package dev.spool.application.port.in;

import dev.spool.application.model.BatchOverview;
import dev.spool.application.model.Page;
import dev.spool.application.model.PageRequest;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.question.QuestionId;
import java.util.Map;

/** Reads one owned batch with its progress and a first page of items. */
public interface GetBatch {

  /**
   * @throws dev.spool.domain.batch.BatchNotFound for an unknown id
   * @throws dev.spool.domain.batch.NotBatchOwner for another user's batch
   */
  Details get(Actor actor, BatchId batch, PageRequest itemPage);

  /**
   * Reads one owned batch alone, without its items or progress: for a caller that needs only the
   * owner check, such as handing out a stream ticket.
   *
   * @throws dev.spool.domain.batch.BatchNotFound for an unknown id
   * @throws dev.spool.domain.batch.NotBatchOwner for another user's batch
   */
  Batch batch(Actor actor, BatchId batch);

  /**
   * The batch, its progress, and one page of its items in position order.
   *
   * @param stemPreviews the first line of each completed item's question on the page, by question
   */
  record Details(
      BatchOverview overview, Page<BatchItem> items, Map<QuestionId, String> stemPreviews) {
    public Details {
      stemPreviews = Map.copyOf(stemPreviews);
    }
  }
}
