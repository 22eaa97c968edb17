package dev.spool.adapter.persistence;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the status changes and completions this node has heard of, on any node (their
 * notifications are marked urgent), so that followers of the committed events wait for the next one
 * instead of polling.
 */
final class CommitSignal {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long generation;

  void signal() {
    lock.lock();
    try {
      generation++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  long generation() {
    lock.lock();
    try {
      return generation;
    } finally {
      lock.unlock();
    }
  }

  void await(long seen, Duration max) throws InterruptedException {
    long nanos = max.toNanos();
    lock.lock();
    try {
      while (generation <= seen && nanos > 0) {
        nanos = changed.awaitNanos(nanos);
      }
    } finally {
      lock.unlock();
    }
  }

  /** A notification: a status change or completion (marked urgent) signals. */
  void heard(String notification) {
    if (notification.endsWith(EventFanout.URGENT)) {
      signal();
    }
  }
}
