package dev.spool.application.port.in;

import dev.spool.application.model.Page;
import dev.spool.application.model.PageRequest;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.ItemStatus;
import java.util.Optional;

/** The items of one owned batch, in position order. */
public interface ListItems {

  /**
   * @throws dev.spool.domain.batch.BatchNotFound for an unknown id
   * @throws dev.spool.domain.batch.NotBatchOwner for another user's batch
   */
  Page<BatchItem> list(Actor actor, BatchId batch, Optional<ItemStatus> status, PageRequest page);
}
