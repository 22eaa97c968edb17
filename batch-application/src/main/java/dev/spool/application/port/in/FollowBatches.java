package dev.spool.application.port.in;

import dev.spool.application.model.FeedPosition;
import dev.spool.domain.batch.BatchId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One feed of all the caller's batches: their status changes and completions in commit order, each
 * with a position to resume after, and their progress at most once a second per batch. A follower
 * that resumes after the last position it got misses no status change or completion; progress is a
 * snapshot, and the next one says all an earlier one did.
 */
public interface FollowBatches {

  /**
   * @param after resume after this position; when empty, the feed starts now, with the progress of
   *     each unfinished batch
   */
  Feed follow(Actor actor, Optional<FeedPosition> after);

  /** One follower's place in the feed. For one reader at a time. */
  interface Feed {
    /** The position of the last event handed out, or where the feed started. */
    FeedPosition position();

    /**
     * What happened since the last call: committed events in order, then the progress of batches
     * that moved, each batch's at most once per second.
     */
    List<FeedEvent> next();

    /**
     * Waits, at most {@code max}, until {@link #next()} may have something: a status change or
     * completion committed somewhere, or progress is due to be looked at again.
     */
    void awaitNext(java.time.Duration max) throws InterruptedException;
  }

  /**
   * One event of the feed.
   *
   * @param position where a follower resumes after it; empty for progress, which is not replayed
   * @param type the event's name on the wire, such as {@code batch.paused}
   * @param json the event's wire JSON, with {@code batchId} first
   */
  record FeedEvent(Optional<FeedPosition> position, BatchId batch, String type, String json) {
    public FeedEvent {
      Objects.requireNonNull(position, "position");
      Objects.requireNonNull(batch, "batch");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(json, "json");
    }
  }
}
