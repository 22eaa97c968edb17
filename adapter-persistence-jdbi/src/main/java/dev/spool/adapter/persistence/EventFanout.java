package dev.spool.adapter.persistence;

import dev.spool.application.port.out.BatchEventLog;
import dev.spool.application.port.out.StoredEvent;
import dev.spool.domain.batch.BatchId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers committed events to this node's subscribers, whichever node wrote them. A listener
 * ({@link NotificationListener}) marks batches whose events changed; one delivery thread reads
 * their new events from the log and hands each subscriber the ones after its last sequence, so
 * every subscriber gets each event once and in order, replay first. Subscribed batches are also
 * re-read every {@code safetyPoll}, so a lost notification delays an event but never drops it.
 */
final class EventFanout implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventFanout.class);
  private static final int READ_LIMIT = 1_000;

  private final EventReader reader;
  private final long safetyPollMillis;
  private final Map<BatchId, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<BatchId> dirty = new LinkedBlockingQueue<>();
  private final Set<BatchId> queued = ConcurrentHashMap.newKeySet();
  private volatile boolean running = true;
  private final Thread thread;

  EventFanout(EventReader reader, long safetyPollMillis) {
    this.reader = reader;
    this.safetyPollMillis = safetyPollMillis;
    this.thread = Thread.ofPlatform().daemon().name("spool-event-fanout").start(this::loop);
  }

  BatchEventLog.Subscription subscribe(BatchId batch, long after, BatchEventLog.Listener listener) {
    Subscriber subscriber = new Subscriber(listener, after);
    subscribers.computeIfAbsent(batch, b -> new CopyOnWriteArrayList<>()).add(subscriber);
    changed(batch);
    return () ->
        subscribers.computeIfPresent(
            batch,
            (b, list) -> {
              list.remove(subscriber);
              return list.isEmpty() ? null : list;
            });
  }

  /** A batch has new committed events (or may have). */
  void changed(BatchId batch) {
    if (subscribers.containsKey(batch) && queued.add(batch)) {
      dirty.add(batch);
    }
  }

  void changed(String batchId) {
    try {
      changed(new BatchId(UUID.fromString(batchId)));
    } catch (IllegalArgumentException e) {
      LOG.warn("ignoring a notification with a bad batch id: {}", batchId);
    }
  }

  /** Everything may have changed, as after the listener reconnected. */
  void changedAll() {
    subscribers.keySet().forEach(this::changed);
  }

  private void loop() {
    long nextPoll = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(safetyPollMillis);
    while (running) {
      try {
        BatchId batch = dirty.poll(Math.max(1, nextPoll - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (batch != null) {
          queued.remove(batch);
          deliver(batch);
        }
        if (System.nanoTime() >= nextPoll) {
          changedAll();
          nextPoll = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(safetyPollMillis);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("event delivery failed; will try again", e);
      }
    }
  }

  /**
   * Reads once for the subscribers there are now. The list is copied first: one that subscribes
   * while the read runs must not be handed only what the others still need, or it would skip the
   * events between its own start and theirs. It has queued its own delivery instead.
   */
  private void deliver(BatchId batch) {
    List<Subscriber> list = List.copyOf(subscribers.getOrDefault(batch, List.of()));
    if (list.isEmpty()) {
      return;
    }
    long from = list.stream().mapToLong(s -> s.delivered).min().orElseThrow();
    List<StoredEvent> events = reader.readAfter(batch, from, READ_LIMIT);
    for (Subscriber subscriber : list) {
      events.forEach(subscriber::offer);
    }
    if (events.size() == READ_LIMIT) {
      changed(batch);
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }

  /** Touched only by the delivery thread, but read for the minimum there too. */
  private static final class Subscriber {
    private final BatchEventLog.Listener listener;
    private volatile long delivered;

    Subscriber(BatchEventLog.Listener listener, long after) {
      this.listener = listener;
      this.delivered = after;
    }

    void offer(StoredEvent event) {
      if (event.sequence() > delivered) {
        delivered = event.sequence();
        try {
          listener.onEvent(event);
        } catch (RuntimeException e) {
          LOG.warn("an event listener failed; it keeps its place", e);
        }
      }
    }
  }
}
