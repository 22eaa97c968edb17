package dev.spool.application.service;

import dev.spool.application.model.CommittedEvent;
import dev.spool.application.model.FeedPosition;
import dev.spool.application.model.StoredEvent;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.FollowBatches;
import dev.spool.application.port.out.BatchEventLog;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follows an owner's batches on the event log: committed batch-level events after a position, and
 * every {@link #PROGRESS_EVERY} the latest progress of each batch that moved since it was last
 * sent.
 */
public final class FollowBatchesService implements FollowBatches {
  /** The most progress a follower gets per batch. */
  public static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

  /** How many committed events one call reads at most; the next call reads on. */
  static final int READ_LIMIT = 500;

  /** How many batches' progress one look reads at most: the most recently created. */
  static final int PROGRESS_BATCHES = 200;

  private final BatchEventLog events;
  private final Clock clock;

  FollowBatchesService(BatchEventLog events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  @Override
  public Feed follow(Actor actor, Optional<FeedPosition> after) {
    FeedPosition start = after.orElseGet(events::committedHead);
    return new OwnerFeed(actor.id(), start);
  }

  private final class OwnerFeed implements Feed {
    private final UserId owner;
    private final Map<BatchId, Long> progressSent = new HashMap<>();
    private FeedPosition position;
    private Instant progressLooked;
    private long signalSeen;

    OwnerFeed(UserId owner, FeedPosition start) {
      this.owner = owner;
      this.position = start;
    }

    @Override
    public FeedPosition position() {
      return position;
    }

    @Override
    public List<FeedEvent> next() {
      // read before the events: a commit that lands during the read wakes the next wait
      signalSeen = events.commitSignal();
      List<FeedEvent> out = new ArrayList<>();
      for (CommittedEvent event : events.committedAfter(position, Optional.of(owner), READ_LIMIT)) {
        position = event.position();
        out.add(
            new FeedEvent(
                Optional.of(event.position()),
                event.event().batchId(),
                event.event().type(),
                event.jsonWithBatchId()));
      }
      Instant now = clock.instant();
      if (progressLooked == null || !now.isBefore(progressLooked.plus(PROGRESS_EVERY))) {
        // a batch that finished since the last look still gets its final progress
        Instant since = progressLooked == null ? now : progressLooked.minus(PROGRESS_EVERY);
        progressLooked = now;
        for (StoredEvent progress : events.latestProgress(owner, since, PROGRESS_BATCHES)) {
          Long sent = progressSent.get(progress.batchId());
          if (sent == null || sent < progress.sequence()) {
            progressSent.put(progress.batchId(), progress.sequence());
            out.add(
                new FeedEvent(
                    Optional.empty(),
                    progress.batchId(),
                    progress.type(),
                    CommittedEvent.withBatchId(progress)));
          }
        }
      }
      return out;
    }

    @Override
    public void awaitNext(Duration max) throws InterruptedException {
      Duration wait = max;
      if (progressLooked != null) {
        Duration untilProgress =
            Duration.between(clock.instant(), progressLooked.plus(PROGRESS_EVERY));
        if (untilProgress.compareTo(wait) < 0) {
          wait = untilProgress.isNegative() ? Duration.ZERO : untilProgress;
        }
      }
      if (!wait.isZero()) {
        events.awaitCommitted(signalSeen, wait);
      }
    }
  }
}
