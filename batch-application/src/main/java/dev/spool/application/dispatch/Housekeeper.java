package dev.spool.application.dispatch;

import dev.spool.application.loop.BackgroundLoop;
import dev.spool.application.model.Pricing;
import dev.spool.application.port.out.SpoolPorts;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.PauseReason;
import dev.spool.domain.event.BatchStatusChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes the bulk work that control calls start but do not wait for, a bounded chunk per
 * transaction, so that cancelling or deleting a batch of a million items answers at once:
 *
 * <ul>
 *   <li>the pending items of cancelled batches are cancelled, each chunk under the batch's lock and
 *       announced with a {@code batch.progress} event, so the API and the stream show it;
 *   <li>the rows of deleted batches are removed, then the batch itself.
 * </ul>
 *
 * Every node runs one; batch locks (skipped when another node holds them) keep them apart.
 */
final class Housekeeper {
  private static final Logger LOG = LoggerFactory.getLogger(Housekeeper.class);
  static final int CHUNK = 5_000;
  private static final int BATCHES_PER_ROUND = 8;
  private static final Duration IDLE = Duration.ofSeconds(1);
  static final Duration NUDGE_AT_MOST_EVERY = Duration.ofMillis(200);

  private final SpoolPorts ports;
  private final BatchSettler settler;
  private final BackgroundLoop loop;
  private final Pricing pricing;
  private volatile long lastNudge = System.nanoTime() - NUDGE_AT_MOST_EVERY.toNanos();

  Housekeeper(SpoolPorts ports, BatchSettler settler, Pricing pricing) {
    this.ports = ports;
    this.settler = settler;
    this.pricing = pricing;
    this.loop = new BackgroundLoop("spool-housekeeper", LOG, "housekeeping", this::turn);
  }

  void start() {
    loop.start();
  }

  /** Looks for work now rather than at the next idle tick. */
  void wake() {
    loop.wake();
  }

  /**
   * A claim came back empty: a batch may have nothing it can afford, so look soon, but at most once
   * per {@link #NUDGE_AT_MOST_EVERY}. Claims come back empty all the time while batches run at
   * their concurrency, and a round of housekeeping is three queries.
   */
  void nudge() {
    long now = System.nanoTime();
    long last = lastNudge;
    if (now - last >= NUDGE_AT_MOST_EVERY.toNanos()) {
      lastNudge = now;
      loop.wake();
    }
  }

  void stop(Duration timeout) throws InterruptedException {
    loop.stop(timeout);
  }

  /** One round of each kind of work; at once again while there is more. */
  private Duration turn() {
    boolean busy = cancelPendingOfCancelled() | ports.batches().purgeDeleted(CHUNK) > 0;
    pauseUnaffordable();
    return busy ? Duration.ZERO : IDLE;
  }

  /**
   * Pauses, with reason {@code budget_exhausted}, each running batch whose next attempt its budget
   * or its owner's monthly budget cannot afford. Claims already refuse such attempts; the pause
   * says so to the owner, and raising the budget or resuming with a new one continues the batch.
   * Its attempts in flight finish and are charged.
   */
  private void pauseUnaffordable() {
    for (BatchId id : ports.queue().unaffordable(pricing.firstEstimate(), BATCHES_PER_ROUND)) {
      ports.transactions().inTransaction(() -> pauseForBudget(id));
    }
  }

  private boolean pauseForBudget(BatchId id) {
    Batch locked = ports.batches().lock(id).orElse(null);
    if (locked == null || locked.status() != BatchStatus.RUNNING) {
      return false;
    }
    Instant now = ports.clock().instant();
    Batch paused = settler.updateLocked(locked.pause(PauseReason.BUDGET_EXHAUSTED, now));
    ports
        .events()
        .append(
            List.of(
                new BatchStatusChanged(
                    id,
                    BatchStatusChanged.Change.PAUSED,
                    paused.status(),
                    paused.pauseReason(),
                    now),
                settler.progressEvent(paused, now)));
    LOG.info("batch {} paused: its next call could exceed its budget", id);
    return true;
  }

  /** One chunk for each of a few cancelled batches; true if there was any. */
  private boolean cancelPendingOfCancelled() {
    List<BatchId> batches = ports.items().cancelledWithPendingItems(BATCHES_PER_ROUND);
    boolean any = false;
    for (BatchId id : batches) {
      any |= ports.transactions().inTransaction(() -> cancelChunk(id));
    }
    return any;
  }

  private boolean cancelChunk(BatchId id) {
    Batch locked = ports.batches().lock(id).orElse(null);
    if (locked == null || locked.status() != BatchStatus.CANCELLED) {
      return false;
    }
    Instant now = ports.clock().instant();
    int cancelled = ports.items().cancelPending(id, now, CHUNK);
    if (cancelled > 0) {
      Batch current = ports.batches().find(id).orElseThrow();
      ports.events().append(List.of(settler.progressEvent(current, now)));
    }
    return cancelled > 0;
  }
}
