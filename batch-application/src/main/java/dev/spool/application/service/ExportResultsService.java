package dev.spool.application.service;

import dev.spool.application.model.ResultRow;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.ExportResults;
import dev.spool.application.port.out.BatchItems;
import dev.spool.domain.batch.BatchId;
import java.util.List;
import java.util.function.Consumer;

/** Reads a batch's results a page at a time, after checking who asks. */
public final class ExportResultsService implements ExportResults {
  static final int PAGE = 1_000;

  private final OwnedBatches owned;
  private final BatchItems items;

  ExportResultsService(OwnedBatches owned, BatchItems items) {
    this.owned = owned;
    this.items = items;
  }

  @Override
  public Results open(Actor actor, BatchId batch, boolean includeFailed) {
    owned.read(actor, batch);
    return each -> read(batch, includeFailed, each);
  }

  private void read(BatchId batch, boolean includeFailed, Consumer<ResultRow> each) {
    int after = -1;
    while (true) {
      List<ResultRow> page = items.results(batch, includeFailed, after, PAGE);
      page.forEach(each);
      if (page.size() < PAGE) {
        return;
      }
      after = page.getLast().item().position();
    }
  }
}
