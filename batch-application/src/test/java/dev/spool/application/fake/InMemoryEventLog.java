package dev.spool.application.fake;

import dev.spool.application.model.CommittedEvent;
import dev.spool.application.model.EventListener;
import dev.spool.application.model.FeedPosition;
import dev.spool.application.model.StoredEvent;
import dev.spool.application.model.Subscription;
import dev.spool.application.port.out.BatchEventLog;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.event.BatchEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@link BatchEventLog} over the in-memory database. Sequences are given at append, events are
 * delivered after commit by one thread, in commit order; replays go through the same thread, so a
 * new subscriber sees its replay and then the live events with no gap and no repeat.
 */
public final class InMemoryEventLog implements BatchEventLog {
  private final InMemoryDatabase db;
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final ExecutorService delivery =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("fake-events").factory());

  public InMemoryEventLog(InMemoryDatabase db) {
    this.db = db;
  }

  @Override
  public void append(List<BatchEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    db.run(() -> {
      var state = db.state();
      List<StoredEvent> stored =
          events.stream().map(e -> new StoredEvent(++state.lastSequence, e)).toList();
      state.events.addAll(stored);
      db.onCommit(() -> delivery.execute(() -> stored.forEach(this::deliver)));
      if (events.stream()
          .anyMatch(
              e -> BatchEvent.isAboutTheBatch(e.type()) && !e.type().equals("batch.progress"))) {
        db.onCommit(this::committed);
      }
    });
  }

  @Override
  public List<StoredEvent> readAfter(BatchId batch, long afterSequence, int limit) {
    return db.inTransaction(() ->
        db.state().events.stream()
            .filter(e -> e.event().batchId().equals(batch) && e.sequence() > afterSequence)
            .limit(limit)
            .toList());
  }

  @Override
  public long latestSequence(BatchId batch) {
    return db.inTransaction(() ->
        db.state().events.stream()
            .filter(e -> e.event().batchId().equals(batch))
            .mapToLong(StoredEvent::sequence)
            .max()
            .orElse(0));
  }

  /** Commits are serial here, so the sequence is the commit order too. */
  @Override
  public List<CommittedEvent> committedAfter(
      FeedPosition after, Optional<UserId> owner, int limit) {
    return db.inTransaction(() -> {
      var state = db.state();
      return state.events.stream()
          .filter(e -> BatchEvent.isAboutTheBatch(e.type()) && !e.type().equals("batch.progress"))
          .filter(e -> new FeedPosition(e.sequence(), e.sequence()).compareTo(after) > 0)
          .filter(e -> state.batches.containsKey(e.batchId()))
          .map(e ->
              new CommittedEvent(
                  new FeedPosition(e.sequence(), e.sequence()),
                  state.batches.get(e.batchId()).ownerId(),
                  e))
          .filter(e -> owner.isEmpty() || owner.get().equals(e.owner()))
          .limit(limit)
          .toList();
    });
  }

  private long commits;

  @Override
  public synchronized long commitSignal() {
    return commits;
  }

  @Override
  public synchronized void awaitCommitted(long seen, java.time.Duration max)
      throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (commits <= seen) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  private synchronized void committed() {
    commits++;
    notifyAll();
  }

  @Override
  public FeedPosition committedHead() {
    return db.inTransaction(() -> {
      long last = db.state().lastSequence;
      return new FeedPosition(last, last);
    });
  }

  @Override
  public List<StoredEvent> latestProgress(UserId owner, Instant finishedSince, int limit) {
    return db.inTransaction(() -> {
      var state = db.state();
      List<StoredEvent> latest = new ArrayList<>();
      for (Batch batch : List.copyOf(state.batches.values()).reversed()) {
        boolean recent =
            batch.times().completedAt().map(at -> !at.isBefore(finishedSince)).orElse(true);
        if (batch.ownerId().equals(owner) && recent && latest.size() < limit) {
          state.events.reversed().stream()
              .filter(e -> e.batchId().equals(batch.id()) && e.type().equals("batch.progress"))
              .findFirst()
              .ifPresent(latest::add);
        }
      }
      return latest;
    });
  }

  @Override
  public Subscription subscribe(BatchId batch, long afterSequence, EventListener listener) {
    Subscriber subscriber = new Subscriber(batch, listener, afterSequence);
    db.run(() -> {
      List<StoredEvent> replay = readAfter(batch, afterSequence, Integer.MAX_VALUE);
      subscribers.add(subscriber);
      db.onCommit(() -> delivery.execute(() -> subscriber.replay(replay)));
    });
    return () -> subscribers.remove(subscriber);
  }

  private void deliver(StoredEvent event) {
    for (Subscriber subscriber : subscribers) {
      if (subscriber.ready && subscriber.batch.equals(event.event().batchId())) {
        subscriber.offer(event);
      }
    }
  }

  private static final class Subscriber {
    private final BatchId batch;
    private final EventListener listener;
    private long delivered;
    private boolean ready;

    Subscriber(BatchId batch, EventListener listener, long after) {
      this.batch = batch;
      this.listener = listener;
      this.delivered = after;
    }

    /**
     * Delivers the events committed before the subscription; live events queued earlier are in it
     * too, so the subscriber takes live events only from here on. Delivery thread only.
     */
    void replay(List<StoredEvent> events) {
      events.forEach(this::offer);
      ready = true;
    }

    /** Called only from the delivery thread. */
    void offer(StoredEvent event) {
      if (event.sequence() > delivered) {
        delivered = event.sequence();
        listener.onEvent(event);
      }
    }
  }
}
