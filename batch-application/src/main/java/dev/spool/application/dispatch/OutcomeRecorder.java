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
   * Takes no more outcomes and writes what is queued, then stops. Writes that fail are retried
   * until {@code timeout}; writes that go on working get a second more.
   */
  void stop(Duration timeout) throws InterruptedException {
    queue.close();
    long deadline = System.nanoTime() + timeout.toNanos();
    long hardDeadline = deadline + Duration.ofSeconds(1).toNanos();
    while (queue.unwritten() > 0) {
      long now = System.nanoTime();
      if (now - hardDeadline > 0 || (now - deadline > 0 && loop.failing())) {
        break;
      }
      Thread.sleep(10);
    }
    int left = queue.unwritten();
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
    try {
      writer.write(group, refill);
    } catch (RuntimeException e) {
      refill.rolledBack();
      throw e;
    }
    refill.committed();
    group.forEach(f -> f.onWritten().run());
    queue.written(group.size());
    group.clear();
    return Duration.ZERO;
  }
}
