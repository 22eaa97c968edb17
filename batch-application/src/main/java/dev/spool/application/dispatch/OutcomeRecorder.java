package dev.spool.application.dispatch;

import dev.spool.application.loop.BackgroundLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes finished attempts from the {@link FinishedQueue} and writes them in groups, one transaction
 * per group, so throughput does not cost one transaction per item; each write also refills. A write
 * that fails (the database is away) keeps its group, which the loop's next turn writes again after
 * the backoff: results are kept, not lost.
 */
final class OutcomeRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(OutcomeRecorder.class);
  private static final long POLL_MILLIS = 50;

  private final OutcomeWriter writer;
  private final Refill refill;
  private final FinishedQueue queue;
  private final int maxGroup;
  private final List<Finished> group;
  private final BackgroundLoop loop;
  private volatile int waiting;

  OutcomeRecorder(OutcomeWriter writer, Refill refill, FinishedQueue queue, int maxGroup) {
    this.writer = writer;
    this.refill = refill;
    this.queue = queue;
    this.maxGroup = maxGroup;
    this.group = new ArrayList<>(maxGroup);
    this.loop = new BackgroundLoop("spool-recorder", LOG, "writing item outcomes", this::turn);
  }

  void start() {
    loop.start();
  }

  /**
   * Takes no more outcomes, writes what is queued, trying for at most {@code timeout}, then stops.
   */
  void stop(Duration timeout) throws InterruptedException {
    queue.close();
    long deadline = System.nanoTime() + timeout.toNanos();
    while ((waiting > 0 || queue.size() > 0) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    int left = waiting + queue.size();
    if (left > 0) {
      LOG.error(
          "giving up on {} outcomes at shutdown; their leases will expire and the items be retried",
          left);
    }
    loop.stop(Duration.ofSeconds(1));
  }

  private Duration turn() throws InterruptedException {
    if (group.isEmpty() && !queue.drainTo(group, maxGroup, POLL_MILLIS)) {
      return Duration.ZERO;
    }
    waiting = group.size();
    try {
      writer.write(group, refill);
    } catch (RuntimeException e) {
      refill.rolledBack();
      throw e;
    }
    refill.committed();
    group.forEach(f -> f.onWritten().run());
    group.clear();
    waiting = 0;
    return Duration.ZERO;
  }
}
