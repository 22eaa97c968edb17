package dev.spool.adapter.persistence;

import dev.spool.application.loop.BackgroundLoop;
import dev.spool.application.model.EventListener;
import dev.spool.application.model.StoredEvent;
import dev.spool.application.model.Subscription;
import dev.spool.domain.batch.BatchId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers committed events to this node's subscribers, whichever node wrote them. A listener
 * ({@link NotificationListener}) marks batches whose events changed; one delivery thread reads
 * their new events from the log and hands each subscriber the ones after its last sequence, so
 * every subscriber gets each event once and in order, replay first. Subscribed batches are also
 * re-read every {@code safetyPoll}, so a lost notification delays an event but never drops it.
 *
 * <p>A batch is read at most once per {@code interval}: the first change after a quiet spell goes
 * out at once, and changes that follow within the interval go out together at its end. Every read
 * wakes every subscriber's writer and costs each client a network write, so under a steady flow of
 * commits the interval, not the commit rate, sets the fan-out's cost; a dispatcher writing a
 * hundred commits a second to a batch that 500 browsers watch would otherwise spend its CPU on
 * wake-ups. A change marked {@link #URGENT} (a status change, or the batch finishing) skips the
 * window: pressing pause shows at once, however busy the batch is.
 */
final class EventFanout implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventFanout.class);
  private static final int READ_LIMIT = 1_000;
  private static final long MAX_WAIT_MILLIS = 200;
  private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);

  /** Ends a notification's batch id when the change should not wait for the window. */
  static final String URGENT = ":now";

  private final EventReader reader;
  private final long safetyPollMillis;
  private final long intervalNanos;
  private final Map<BatchId, Watched> subscribers = new ConcurrentHashMap<>();
  private final DelayQueue<Due> dirty = new DelayQueue<>();
  private final Set<BatchId> queued = ConcurrentHashMap.newKeySet();
  private final BackgroundLoop loop;
  private long nextPoll;

  EventFanout(EventReader reader, long safetyPollMillis, Duration interval) {
    this.reader = reader;
    this.safetyPollMillis = safetyPollMillis;
    this.intervalNanos = interval.toNanos();
    this.nextPoll = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(safetyPollMillis);
    this.loop = new BackgroundLoop("spool-event-fanout", LOG, "event delivery", this::turn).start();
  }

  Subscription subscribe(BatchId batch, long after, EventListener listener) {
    Subscriber subscriber = new Subscriber(listener, after);
    subscribers
        .computeIfAbsent(batch, b -> new Watched(System.nanoTime() - intervalNanos))
        .list
        .add(subscriber);
    changed(batch);
    return () ->
        subscribers.computeIfPresent(
            batch,
            (b, watched) -> {
              watched.list.remove(subscriber);
              return watched.list.isEmpty() ? null : watched;
            });
  }

  /** A batch has new committed events (or may have): read it once its interval has passed. */
  void changed(BatchId batch) {
    Watched watched = subscribers.get(batch);
    if (watched != null && queued.add(batch)) {
      long now = System.nanoTime();
      long due = Math.max(now, watched.read + intervalNanos);
      dirty.add(new Due(batch, due));
    }
  }

  /**
   * A batch has an urgent change: read it now. A read already waiting for the window stays queued
   * and finds little left to hand out.
   */
  void changedNow(BatchId batch) {
    if (subscribers.containsKey(batch)) {
      queued.add(batch);
      dirty.add(new Due(batch, System.nanoTime()));
    }
  }

  /** A notification's payload: a batch id, ending in {@link #URGENT} for an urgent change. */
  void changed(String notification) {
    boolean urgent = notification.endsWith(URGENT);
    String batchId =
        urgent ? notification.substring(0, notification.length() - URGENT.length()) : notification;
    try {
      BatchId batch = new BatchId(UUID.fromString(batchId));
      if (urgent) {
        changedNow(batch);
      } else {
        changed(batch);
      }
    } catch (IllegalArgumentException e) {
      LOG.warn("ignoring a notification with a bad batch id: {}", notification);
    }
  }

  /** Everything may have changed, as after the listener reconnected. */
  void changedAll() {
    subscribers.keySet().forEach(this::changed);
  }

  /**
   * Delivers the next batch that is due, waiting for one at most {@link #MAX_WAIT_MILLIS}, and
   * looks at every watched batch once the safety poll is due (a notification can be lost).
   */
  private Duration turn() throws InterruptedException {
    long untilPoll = Math.max(1, nextPoll - System.nanoTime());
    Due due = dirty.poll(Math.min(untilPoll, MAX_WAIT_NANOS), TimeUnit.NANOSECONDS);
    if (System.nanoTime() >= nextPoll) {
      changedAll();
      nextPoll = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(safetyPollMillis);
    }
    if (due != null) {
      deliver(due.batch);
    }
    return Duration.ZERO;
  }

  /**
   * Reads once for the subscribers there are now. The list is copied first: one that subscribes
   * while the read runs must not be handed only what the others still need, or it would skip the
   * events between its own start and theirs. It has queued its own delivery instead.
   */
  private void deliver(BatchId batch) {
    Watched watched = subscribers.get(batch);
    if (watched != null) {
      // set before the batch leaves the queue, so a change from now on waits for the interval
      watched.read = System.nanoTime();
    }
    queued.remove(batch);
    List<Subscriber> list = watched == null ? List.of() : List.copyOf(watched.list);
    if (list.isEmpty()) {
      return;
    }
    long from = list.stream().mapToLong(s -> s.delivered).min().orElseThrow();
    List<StoredEvent> events = reader.readAfter(batch, from, READ_LIMIT);
    for (Subscriber subscriber : list) {
      events.forEach(subscriber::offer);
    }
    if (events.size() == READ_LIMIT) {
      // a backlog, as when a client resumes far back: it is committed already, and each read
      // carries a thousand events, so the window has nothing to save here
      changedNow(batch);
    }
  }

  @Override
  public void close() {
    try {
      loop.stop(Duration.ofSeconds(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A watched batch: its subscribers, and when the delivery thread last read it. */
  private static final class Watched {
    private final List<Subscriber> list = new CopyOnWriteArrayList<>();
    private volatile long read;

    Watched(long read) {
      this.read = read;
    }
  }

  /** A batch to read at {@code at} ({@link System#nanoTime()}). */
  private record Due(BatchId batch, long at) implements Delayed {
    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(at - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(at, ((Due) other).at);
    }
  }

  /** Touched only by the delivery thread, but read for the minimum there too. */
  private static final class Subscriber {
    private final EventListener listener;
    private volatile long delivered;

    Subscriber(EventListener listener, long after) {
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
