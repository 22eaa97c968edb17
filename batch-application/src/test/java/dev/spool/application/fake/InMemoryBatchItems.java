package dev.spool.application.fake;

import dev.spool.application.model.Page;
import dev.spool.application.model.PageRequest;
import dev.spool.application.model.StoredQuestion;
import dev.spool.application.port.out.BatchItems;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.ItemMove;
import dev.spool.domain.batch.ItemStatus;
import dev.spool.domain.question.QuestionId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link BatchItems} over the in-memory database. */
public final class InMemoryBatchItems implements BatchItems {
  private final InMemoryDatabase db;

  public InMemoryBatchItems(InMemoryDatabase db) {
    this.db = db;
  }

  @Override
  public Page<BatchItem> list(BatchId batch, Optional<ItemStatus> status, PageRequest page) {
    return db.inTransaction(() -> {
      List<BatchItem> items =
          db.state().itemsOf(batch).stream()
              .filter(i -> status.map(s -> i.status() == s).orElse(true))
              .toList();
      return Pages.after(items, page, i -> Integer.toString(i.position()));
    });
  }

  @Override
  public int cancelPending(BatchId batch, Instant now, int max) {
    return db.inTransaction(() -> {
      return move(batch, ItemMove.CANCEL_PENDING, now, max);
    });
  }

  @Override
  public int resetFailed(BatchId batch, Instant now) {
    return db.inTransaction(() -> {
      return move(batch, ItemMove.RETRY_FAILED, now, Integer.MAX_VALUE);
    });
  }

  @Override
  public java.util.Map<BatchId, List<Instant>> recentCompletions(
      java.util.Collection<BatchId> batches, int limit) {
    java.util.Map<BatchId, List<Instant>> recent = new java.util.HashMap<>();
    batches.forEach(b -> recent.put(b, recentCompletions(b, limit)));
    return recent;
  }

  @Override
  public List<Instant> recentCompletions(BatchId batch, int limit) {
    return db.inTransaction(() ->
        db.state().itemsOf(batch).stream()
            .filter(i -> i.status() == ItemStatus.COMPLETED)
            .map(BatchItem::updatedAt)
            .sorted(Comparator.reverseOrder())
            .limit(limit)
            .toList());
  }

  @Override
  public Map<QuestionId, String> stemPreviews(BatchId batch, Set<QuestionId> questions) {
    return db.inTransaction(() -> {
      Map<QuestionId, String> previews = new java.util.HashMap<>();
      for (QuestionId id : questions) {
        StoredQuestion stored = db.state().questions.get(id);
        if (stored != null && stored.batchId().equals(batch)) {
          previews.put(id, dev.spool.domain.event.StemPreview.of(stored.question().stem()));
        }
      }
      return previews;
    });
  }

  @Override
  public Optional<StoredQuestion> question(QuestionId id) {
    return db.inTransaction(() -> Optional.ofNullable(db.state().questions.get(id)));
  }

  @Override
  public List<dev.spool.application.model.ResultRow> results(
      BatchId batch, boolean includeFailed, int afterIndex, int limit) {
    return db.inTransaction(() ->
        db.state().itemsOf(batch).stream()
            .filter(i -> i.position() > afterIndex)
            .filter(i ->
                i.status() == dev.spool.domain.batch.ItemStatus.COMPLETED
                    || (includeFailed && i.status() == dev.spool.domain.batch.ItemStatus.FAILED))
            .sorted(java.util.Comparator.comparingInt(BatchItem::position))
            .limit(limit)
            .map(i ->
                new dev.spool.application.model.ResultRow(
                    i,
                    i.questionId().map(q -> db.state().questions.get(q)),
                    dev.spool.domain.money.Money.ZERO,
                    java.util.Optional.empty(),
                    java.util.Optional.of(i.updatedAt())))
            .toList());
  }

  @Override
  public List<BatchId> cancelledWithPendingItems(int max) {
    return db.inTransaction(() ->
        db.state().batches.values().stream()
            .filter(b -> b.status() == dev.spool.domain.batch.BatchStatus.CANCELLED)
            .filter(b -> b.counts().pending() > 0)
            .map(dev.spool.domain.batch.Batch::id)
            .limit(max)
            .toList());
  }

  /** Moves up to {@code max} items of the batch by {@code move}, in position order. */
  private int move(BatchId batch, ItemMove move, Instant now, int max) {
    var state = db.state();
    int n = 0;
    for (BatchItem item : state.itemsOf(batch)) {
      if (n == max) {
        break;
      }
      if (item.status() == move.from()) {
        state.items.put(item.id(), item.move(move, now));
        n++;
      }
    }
    int moved = n;
    state.adjust(batch, b -> b.withCounts(b.counts().plus(move.perItem().times(moved))));
    return moved;
  }
}
