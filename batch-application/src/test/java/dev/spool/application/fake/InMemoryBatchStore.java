package dev.spool.application.fake;

import dev.spool.application.model.Page;
import dev.spool.application.model.PageRequest;
import dev.spool.application.port.out.BatchStore;
import dev.spool.application.port.out.CreateResult;
import dev.spool.domain.batch.AdaptiveConcurrency;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.UserId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@link BatchStore} over the in-memory database. */
public final class InMemoryBatchStore implements BatchStore {
  private static final Comparator<Batch> NEWEST_FIRST =
      Comparator.comparing((Batch b) -> b.times().createdAt())
          .thenComparing(b -> b.id().value())
          .reversed();

  private final InMemoryDatabase db;

  public InMemoryBatchStore(InMemoryDatabase db) {
    this.db = db;
  }

  /** As the store contract asks: a stored batch's config reads back as its summary. */
  private static Batch summarised(Batch b) {
    return new Batch(
        b.id(),
        b.ownerId(),
        b.courseId(),
        b.name(),
        b.config().summary(),
        b.status(),
        b.counts(),
        b.tokens(),
        b.concurrency(),
        b.failureReason(),
        b.idempotencyKey(),
        b.times(),
        b.version(),
        b.spend(),
        b.pauseReason());
  }

  @Override
  public CreateResult create(Batch batch, List<BatchItem> items) {
    return db.inTransaction(() -> {
      var state = db.state();
      Optional<String> key = batch.idempotencyKey().map(k -> batch.ownerId() + "/" + k);
      if (key.isPresent() && state.idempotencyKeys.containsKey(key.get())) {
        Batch existing = state.batches.get(state.idempotencyKeys.get(key.get()));
        boolean same = state.fullConfigs.get(existing.id()).equals(batch.config());
        return new CreateResult.Existing(existing, same);
      }
      state.fullConfigs.put(batch.id(), batch.config());
      state.batches.put(batch.id(), summarised(batch));
      state.itemsOfBatch.put(batch.id(), items.stream().map(BatchItem::id).toList());
      items.forEach(item -> state.items.put(item.id(), item));
      key.ifPresent(k -> state.idempotencyKeys.put(k, batch.id()));
      return new CreateResult.Created(batch);
    });
  }

  @Override
  public Optional<Batch> find(BatchId id) {
    return db.inTransaction(() -> Optional.ofNullable(db.state().batches.get(id)));
  }

  @Override
  public long pendingItems() {
    return db.inTransaction(() ->
        db.state().batches.values().stream()
            .filter(b -> b.status() == BatchStatus.RUNNING)
            .mapToLong(b -> b.counts().pending())
            .sum());
  }

  @Override
  public ConcurrencyTotals runningConcurrency() {
    return db.inTransaction(() -> {
      var running =
          db.state().batches.values().stream()
              .filter(b -> b.status() == BatchStatus.RUNNING)
              .toList();
      return new ConcurrencyTotals(
          running.stream().mapToLong(b -> b.concurrency().limit()).sum(),
          running.stream().mapToLong(b -> b.concurrency().effective()).sum());
    });
  }

  @Override
  public Optional<Batch> lock(BatchId id) {
    return find(id);
  }

  @Override
  public Page<Batch> list(UserId owner, Optional<BatchStatus> status, PageRequest page) {
    return db.inTransaction(() -> {
      List<Batch> mine =
          db.state().batches.values().stream()
              .filter(b -> b.ownerId().equals(owner))
              .filter(b -> status.map(s -> b.status() == s).orElse(true))
              .sorted(NEWEST_FIRST)
              .toList();
      return Pages.after(mine, page, b -> b.id().toString());
    });
  }

  @Override
  public Optional<Batch> update(Batch batch) {
    return db.inTransaction(() -> {
      Batch stored = db.state().batches.get(batch.id());
      if (stored == null || stored.version() != batch.version()) {
        return Optional.<Batch>empty();
      }
      Batch updated =
          new Batch(
              stored.id(),
              stored.ownerId(),
              stored.courseId(),
              stored.name(),
              stored.config(),
              batch.status(),
              stored.counts(),
              stored.tokens(),
              stored.concurrency(),
              batch.failureReason(),
              stored.idempotencyKey(),
              batch.times(),
              stored.version() + 1,
              stored.spend().withBudget(batch.spend().budget()),
              batch.pauseReason());
      db.state().batches.put(updated.id(), updated);
      return Optional.of(updated);
    });
  }

  @Override
  public void adapt(BatchId id, AdaptiveConcurrency concurrency) {
    db.run(() -> db.state().adjust(id, b -> b.withConcurrency(concurrency)));
  }

  @Override
  public void delete(BatchId id) {
    db.run(() -> {
      var state = db.state();
      Batch removed = state.batches.remove(id);
      state.fullConfigs.remove(id);
      if (removed == null) {
        return;
      }
      state.itemsOfBatch.remove(id).forEach(state.items::remove);
      state.questions.values().removeIf(q -> q.batchId().equals(id));
      state.events.removeIf(e -> e.event().batchId().equals(id));
      state.idempotencyKeys.values().removeIf(id::equals);
    });
  }

  /** This store removes a deleted batch's rows at once, so nothing is ever left to purge. */
  @Override
  public int purgeDeleted(int maxRows) {
    return 0;
  }
}
