package dev.spool.application.service;

import dev.spool.application.dispatch.BatchSettler;
import dev.spool.application.model.PageRequest;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.GetBatch;
import dev.spool.application.port.out.BatchItems;
import dev.spool.application.port.out.BatchStore;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import java.util.Optional;

/** Reads one owned batch with its progress and first items. */
public final class GetBatchService implements GetBatch {
  private final OwnedBatches owned;
  private final BatchItems items;
  private final BatchSettler settler;

  GetBatchService(BatchStore store, BatchItems items, BatchSettler settler) {
    this.owned = new OwnedBatches(store);
    this.items = items;
    this.settler = settler;
  }

  @Override
  public Details get(Actor actor, BatchId id, PageRequest itemPage) {
    Batch batch = owned.read(actor, id);
    var page = items.list(id, Optional.empty(), itemPage);
    return new Details(settler.overview(batch), page, StemPreviews.of(items, id, page.items()));
  }

  @Override
  public Batch batch(Actor actor, BatchId id) {
    return owned.read(actor, id);
  }
}
