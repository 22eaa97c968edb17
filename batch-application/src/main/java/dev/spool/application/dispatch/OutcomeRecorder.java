package dev.spool.application.dispatch;

import dev.spool.domain.dispatch.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Collects finished attempts from many workers and writes them in groups, one transaction per
 * group, so throughput does not cost one transaction per item; each write also refills. A write
 * that fails (the database is away) is retried with backoff: results are kept, not lost.
 */
final class OutcomeRecorder {
  private static final System.Logger LOG = System.getLogger(OutcomeRecorder.class.getName());

  /** Waits between tries of a write that failed: 100 ms, doubling, at most 5 s. */
  private static final Backoff RETRY = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

  private final OutcomeWriter writer;
  private final Refill refill;
  private final int maxGroup;
  private final LinkedBlockingQueue<Finished> queue = new LinkedBlockingQueue<>();
  private final FailureStreak failures = new FailureStreak(LOG, "writing item outcomes");
  private volatile boolean accepting = true;
  private volatile long giveUpAtNanos = Long.MAX_VALUE;
  private Thread thread;

  OutcomeRecorder(OutcomeWriter writer, Refill refill, int maxGroup) {
    this.writer = writer;
    this.refill = refill;
    this.maxGroup = maxGroup;
  }

  void start(String name) {
    thread = Thread.ofPlatform().daemon(true).name(name).start(this::loop);
  }

  /** Queues an outcome; ignored once the recorder has stopped (the lease will expire instead). */
  void submit(Finished finished) {
    if (accepting) {
      queue.add(finished);
    }
  }

  /** Writes what is queued, trying for at most {@code timeout}, then stops. */
  void stop(Duration timeout) throws InterruptedException {
    giveUpAtNanos = System.nanoTime() + timeout.toNanos();
    accepting = false;
    if (thread != null) {
      thread.join(timeout.plusSeconds(1).toMillis());
    }
  }

  private void loop() {
    List<Finished> group = new ArrayList<>(maxGroup);
    while (true) {
      try {
        if (group.isEmpty() && !fill(group)) {
          if (!accepting && queue.isEmpty()) {
            return;
          }
          continue;
        }
        writer.write(group, refill);
        refill.committed();
        group.forEach(f -> f.onWritten().run());
        group.clear();
        failures.succeeded();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        refill.rolledBack();
        int inARow = failures.failed(e);
        if (System.nanoTime() - giveUpAtNanos > 0) {
          LOG.log(
              System.Logger.Level.ERROR,
              "giving up on "
                  + group.size()
                  + " outcomes at shutdown; their leases will expire and the items be retried");
          return;
        }
        sleep(RETRY.ceiling(inARow));
      }
    }
  }

  private boolean fill(List<Finished> group) throws InterruptedException {
    Finished first = queue.poll(50, TimeUnit.MILLISECONDS);
    if (first == null) {
      return false;
    }
    group.add(first);
    queue.drainTo(group, maxGroup - 1);
    return true;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
