package dev.spool.adapter.http;

import dev.spool.application.model.StoredEvent;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One stream's bounded buffer between the event log's thread and the connection's writer. The log
 * never waits on it: when the buffer is full the subscriber is cut off, and its client resumes from
 * the last event it received with {@code Last-Event-ID}.
 */
final class Subscriber {
  private static final Object STOP = new Object();

  private final BlockingQueue<Object> queue;
  private volatile boolean overflowed;

  Subscriber(int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity + 1);
  }

  /** Called from the log's thread; never blocks. */
  void offer(StoredEvent event) {
    if (overflowed) {
      return;
    }
    if (queue.remainingCapacity() <= 1 || !queue.offer(event)) {
      overflowed = true;
      stop();
    }
  }

  /** Ends the stream at the writer's next look, as on shutdown or overflow. */
  void stop() {
    queue.clear();
    queue.offer(STOP);
  }

  boolean overflowed() {
    return overflowed;
  }

  /**
   * The next event within {@code wait}: empty if none came, or {@code null} once stopped.
   *
   * @throws InterruptedException if the writer's thread is interrupted
   */
  Optional<StoredEvent> next(Duration wait) throws InterruptedException {
    Object next = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    if (next == STOP) {
      queue.offer(STOP);
      return null;
    }
    return Optional.ofNullable((StoredEvent) next);
  }
}
