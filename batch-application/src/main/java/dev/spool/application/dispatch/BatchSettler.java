package dev.spool.application.dispatch;

import dev.spool.application.model.BatchOverview;
import dev.spool.application.port.out.BatchEventLog;
import dev.spool.application.port.out.BatchItems;
import dev.spool.application.port.out.BatchStore;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.event.BatchCompleted;
import dev.spool.domain.event.BatchEvent;
import dev.spool.domain.event.BatchProgressed;
import dev.spool.domain.progress.Progress;
import dev.spool.domain.progress.Throughput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finishes batches that have nothing left to run, and describes batches as progress. Shared by the
 * dispatcher and by the control use cases, so a batch finishes by one rule wherever its last item
 * settles.
 */
public final class BatchSettler {
  private final BatchStore store;
  private final BatchItems items;
  private final BatchEventLog events;

  public BatchSettler(BatchStore store, BatchItems items, BatchEventLog events) {
    this.store = store;
    this.items = items;
    this.events = events;
  }

  /**
   * Finishes a running, drained batch and appends its one {@link BatchCompleted}. Call inside a
   * transaction that holds the batch's lock: the lock and the versioned update are what make the
   * completion event exactly-once when several nodes settle items of the same batch.
   */
  public Optional<Batch> settle(Batch locked, Instant now) {
    List<BatchEvent> events = new ArrayList<>();
    Optional<Batch> settled = settle(locked, now, events);
    this.events.append(events);
    return settled;
  }

  /** As {@link #settle(Batch, Instant)}, adding the events to {@code events} to append later. */
  public Optional<Batch> settle(Batch locked, Instant now, List<BatchEvent> events) {
    return locked
        .finishIfDrained(now)
        .map(finished -> {
          Batch saved = updateLocked(finished);
          events.add(progressEvent(saved, now));
          events.add(completedEvent(saved, now));
          return saved;
        });
  }

  /** Writes a change to a batch this transaction has locked; a conflict there is a bug. */
  public Batch updateLocked(Batch changed) {
    return store
        .update(changed)
        .orElseThrow(() ->
            new IllegalStateException(
                "batch "
                    + changed.id()
                    + " changed under its lock; this indicates a bug in the store"));
  }

  /**
   * Overviews of a page of batches, with the recent completions of all of them read at once: one
   * read for the page, not one per batch.
   */
  public List<BatchOverview> overviews(List<Batch> batches) {
    List<BatchId> measured =
        batches.stream().filter(BatchSettler::measured).map(Batch::id).toList();
    Map<BatchId, List<Instant>> recent = items.recentCompletions(measured, Throughput.WINDOW);
    return batches.stream()
        .map(b -> new BatchOverview(b, progress(b, recent.getOrDefault(b.id(), List.of()))))
        .toList();
  }

  /** Whether throughput is worth reading: a finished, drained batch has none to show. */
  private static boolean measured(Batch batch) {
    return !(batch.status().isFinished() && batch.counts().isDrained());
  }

  public BatchOverview overview(Batch batch) {
    List<Instant> recent =
        measured(batch) ? items.recentCompletions(batch.id(), Throughput.WINDOW) : List.of();
    return new BatchOverview(batch, progress(batch, recent));
  }

  private static Progress progress(Batch batch, List<Instant> recent) {
    return Progress.of(batch.status(), batch.counts(), recent)
        .withSpend(batch.spend().report(batch.counts().completed(), batch.counts().total()));
  }

  public BatchProgressed progressEvent(Batch batch, Instant now) {
    return new BatchProgressed(batch.id(), overview(batch).progress(), now);
  }

  public BatchCompleted completedEvent(Batch batch, Instant now) {
    Duration elapsed = batch.elapsed(now);
    double seconds = elapsed.toNanos() / 1e9;
    double throughput = seconds > 0 ? batch.counts().completed() / seconds : 0;
    return new BatchCompleted(
        batch.id(),
        batch.status(),
        batch.counts().completed(),
        batch.counts().failed(),
        elapsed.toMillis(),
        throughput,
        batch.failureReason(),
        now);
  }
}
