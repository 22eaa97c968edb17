package dev.spool.bench;

import dev.spool.adapter.persistence.PostgresStore;
import dev.spool.application.port.out.DispatchObserver;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.event.BatchCompleted;
import dev.spool.domain.event.BatchEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the dispatcher's outcome writes (how many, how big, how long), and sees batches finish the
 * moment their last write commits, so that a benchmark need not poll the database for it.
 */
final class WriteStats implements DispatchObserver {
  private final Map<BatchId, CompletableFuture<Long>> finished = new ConcurrentHashMap<>();
  private final LongAdder writes = new LongAdder();
  private final LongAdder written = new LongAdder();
  private final LongAdder nanos = new LongAdder();

  @Override
  public void outcomesWritten(int outcomes, Duration took) {
    writes.increment();
    written.add(outcomes);
    nanos.add(took.toNanos());
  }

  @Override
  public void committed(List<BatchEvent> events) {
    long now = System.nanoTime();
    for (BatchEvent event : events) {
      if (event instanceof BatchCompleted done) {
        finishLine(done.batchId()).complete(now);
      }
    }
  }

  /**
   * Waits until the batch is finished; returns the nanoTime its finishing write committed. Polling
   * the batch every few milliseconds instead would take CPU from the dispatcher and PostgreSQL on a
   * two-core machine, and would be late by up to a polling interval. A batch that finished some
   * other way (not through an outcome write) is still seen, by a slow poll.
   */
  long awaitFinished(PostgresStore store, BatchId batch) throws InterruptedException {
    CompletableFuture<Long> line = finishLine(batch);
    try {
      while (true) {
        try {
          return line.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          if (LibraryBench.isFinished(store, batch)) {
            return line.getNow(System.nanoTime());
          }
        } catch (ExecutionException e) {
          throw new IllegalStateException(e);
        }
      }
    } finally {
      finished.remove(batch);
    }
  }

  private CompletableFuture<Long> finishLine(BatchId batch) {
    return finished.computeIfAbsent(batch, id -> new CompletableFuture<>());
  }

  void reset() {
    writes.reset();
    written.reset();
    nanos.reset();
  }

  void report(String prefix, Map<String, Object> figures) {
    long count = Math.max(1, writes.sum());
    figures.put(prefix + ".writes", writes.sum());
    figures.put(prefix + ".write_mean_ms", Makespan.round(nanos.sum() / 1e6 / count, 2));
    figures.put(prefix + ".write_group_mean", Makespan.round(written.sum() / (double) count, 1));
  }
}
