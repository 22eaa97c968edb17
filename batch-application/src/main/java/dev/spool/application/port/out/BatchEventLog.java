package dev.spool.application.port.out;

import dev.spool.application.model.CommittedEvent;
import dev.spool.application.model.EventListener;
import dev.spool.application.model.FeedPosition;
import dev.spool.application.model.StoredEvent;
import dev.spool.application.model.Subscription;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.event.BatchEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The append-only log of batch events, and the bus that carries them to watchers. Events are
 * appended in the transaction of the change they describe: they become visible when it commits, and
 * never if it rolls back.
 */
public interface BatchEventLog {

  /** Appends events, in order, to the current transaction. */
  void append(List<BatchEvent> events);

  /** Committed events of a batch after {@code afterSequence}, oldest first. */
  List<StoredEvent> readAfter(BatchId batch, long afterSequence, int limit);

  /** The sequence of the batch's latest committed event, or 0 if it has none. */
  long latestSequence(BatchId batch);

  /**
   * Delivers every committed event of the batch after {@code afterSequence}, then each new one as
   * it commits: each once, in sequence order. The listener is called from the log's own thread and
   * must not block.
   */
  Subscription subscribe(BatchId batch, long afterSequence, EventListener listener);

  /**
   * Batch-level events other than progress (status changes and completions) that committed after
   * {@code after}, in commit order across all batches: of {@code owner}'s batches, or of everyone's
   * when it is empty. An event is returned only once every transaction that began before it has
   * ended, so a reader that resumes after the last position it got never skips one that commits
   * later.
   */
  List<CommittedEvent> committedAfter(FeedPosition after, Optional<UserId> owner, int limit);

  /**
   * A number that grows whenever a status change or completion commits, on any node, as far as this
   * node has heard: read it before {@link #committedAfter}, then {@link #awaitCommitted} with it to
   * wait for what comes next instead of polling.
   */
  long commitSignal();

  /**
   * Waits until {@link #commitSignal()} has grown past {@code seen}, or {@code max} has passed. A
   * wake-up is a hint, never a promise: read {@link #committedAfter} to see what committed.
   */
  void awaitCommitted(long seen, Duration max) throws InterruptedException;

  /** Where a reader that wants only events from now on starts. */
  FeedPosition committedHead();

  /**
   * The latest {@code batch.progress} of each of {@code owner}'s batches that has not finished, or
   * finished at or after {@code finishedSince}: at most {@code limit} batches, newest first.
   */
  List<StoredEvent> latestProgress(UserId owner, Instant finishedSince, int limit);
}
