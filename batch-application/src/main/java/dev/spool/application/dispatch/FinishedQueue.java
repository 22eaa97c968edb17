package dev.spool.application.dispatch;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Attempts that ended and wait to be written: the workers, the lease keeper and shutdown put them
 * in; the {@link OutcomeRecorder} alone takes them out, in groups.
 */
final class FinishedQueue {
  private final LinkedBlockingQueue<Finished> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger unwritten = new AtomicInteger();
  private volatile boolean accepting = true;

  /** Queues an outcome; ignored once closed (the lease will expire instead). */
  void submit(Finished finished) {
    if (accepting) {
      unwritten.incrementAndGet();
      queue.add(finished);
    }
  }

  /** {@code count} outcomes taken out are now written. */
  void written(int count) {
    unwritten.addAndGet(-count);
  }

  /** Outcomes queued or taken out and not yet written. */
  int unwritten() {
    return unwritten.get();
  }

  /** Takes no more; what is queued can still be drained. */
  void close() {
    accepting = false;
  }

  /**
   * Moves up to {@code max} outcomes into {@code group}, waiting up to {@code waitMillis} for the
   * first. Returns whether it moved any.
   */
  boolean drainTo(List<Finished> group, int max, long waitMillis) throws InterruptedException {
    Finished first = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
    if (first == null) {
      return false;
    }
    group.add(first);
    queue.drainTo(group, max - 1);
    return true;
  }
}
