package dev.spool.application.port.in;

import dev.spool.application.model.BatchOverview;
import dev.spool.application.model.Page;
import dev.spool.application.model.PageRequest;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;

/** Reads one owned batch with its progress and a first page of items. */
public interface GetBatch {

  /**
   * @throws dev.spool.domain.batch.BatchNotFound for an unknown id
   * @throws dev.spool.domain.batch.NotBatchOwner for another user's batch
   */
  Details get(Actor actor, BatchId batch, PageRequest itemPage);

  /** The batch, its progress, and one page of its items in position order. */
  record Details(BatchOverview overview, Page<BatchItem> items) {}
}
