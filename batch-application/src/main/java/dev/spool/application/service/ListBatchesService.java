package dev.spool.application.service;

import dev.spool.application.dispatch.BatchSettler;
import dev.spool.application.model.BatchOverview;
import dev.spool.application.model.Page;
import dev.spool.application.model.PageRequest;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.ListBatches;
import dev.spool.application.port.out.BatchStore;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchStatus;
import java.util.Optional;

/** Lists the acting user's batches, newest first, with progress. */
public final class ListBatchesService implements ListBatches {
  private final BatchStore store;
  private final BatchSettler settler;

  ListBatchesService(BatchStore store, BatchSettler settler) {
    this.store = store;
    this.settler = settler;
  }

  @Override
  public Page<BatchOverview> list(Actor actor, Optional<BatchStatus> status, PageRequest page) {
    Page<Batch> batches = store.list(actor.id(), status, page);
    return new Page<>(settler.overviews(batches.items()), batches.nextCursor());
  }
}
