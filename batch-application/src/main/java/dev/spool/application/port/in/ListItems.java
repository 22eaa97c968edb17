package dev.spool.application.port.in;

import dev.spool.application.model.Page;
import dev.spool.application.model.PageRequest;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.ItemStatus;
import dev.spool.domain.question.QuestionId;
import java.util.Collection;
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
   * What the completed ones among these items made, for a list to show: the first line of each
   * question's stem ({@link dev.spool.domain.event.StemPreview}), by question. Items of other
   * batches are left out.
   *
   * @throws dev.spool.domain.batch.BatchNotFound for an unknown id
   * @throws dev.spool.domain.batch.NotBatchOwner for another user's batch
   */
  Map<QuestionId, String> stemPreviews(Actor actor, BatchId batch, Collection<BatchItem> items);
}
