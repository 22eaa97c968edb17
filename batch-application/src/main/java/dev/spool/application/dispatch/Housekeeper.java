package dev.spool.application.dispatch;

import dev.spool.application.SpoolPorts;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

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
  private static final System.Logger LOG = System.getLogger(Housekeeper.class.getName());
  static final int CHUNK = 5_000;
  private static final int BATCHES_PER_ROUND = 8;
  private static final Duration IDLE = Duration.ofSeconds(1);

  private final SpoolPorts ports;
  private final BatchSettler settler;
  private final FailureStreak failures = new FailureStreak(LOG, "housekeeping");
  private final Semaphore signal = new Semaphore(0);
  private volatile boolean running;
  private Thread thread;

  Housekeeper(SpoolPorts ports, BatchSettler settler) {
    this.ports = ports;
    this.settler = settler;
  }

  void start() {
    running = true;
    thread = Thread.ofPlatform().daemon(true).name("spool-housekeeper").start(this::loop);
  }

  /** Looks for work now rather than at the next idle tick. */
  void wake() {
    signal.release();
  }

  void stop() throws InterruptedException {
    running = false;
    if (thread != null) {
      signal.release();
      thread.join();
    }
  }

  private void loop() {
    boolean busy = false;
    while (running) {
      try {
        if (!busy && signal.tryAcquire(IDLE.toNanos(), TimeUnit.NANOSECONDS)) {
          signal.drainPermits();
        }
        if (!running) {
          return;
        }
        busy = cancelPendingOfCancelled() | ports.batches().purgeDeleted(CHUNK) > 0;
        failures.succeeded();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        busy = false;
        failures.failed(e);
      }
    }
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
