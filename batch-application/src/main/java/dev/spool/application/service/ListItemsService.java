package dev.spool.application.service;

import dev.spool.application.model.Page;
import dev.spool.application.model.PageRequest;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.ListItems;
import dev.spool.application.port.out.BatchItems;
import dev.spool.application.port.out.BatchStore;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.ItemStatus;
import java.util.Optional;

/** Lists the items of one owned batch. */
public final class ListItemsService implements ListItems {
  private final OwnedBatches owned;
  private final BatchItems items;

  ListItemsService(BatchStore store, BatchItems items) {
    this.owned = new OwnedBatches(store);
    this.items = items;
  }

  @Override
  public Page<BatchItem> list(
      Actor actor, BatchId batch, Optional<ItemStatus> status, PageRequest page) {
    owned.read(actor, batch);
    return items.list(batch, status, page);
  }

  @Override
  public Listed listWithPreviews(
      Actor actor, BatchId batch, Optional<ItemStatus> status, PageRequest page) {
    owned.read(actor, batch);
    Page<BatchItem> listed = items.list(batch, status, page);
    return new Listed(listed, StemPreviews.of(items, batch, listed.items()));
  }
}
