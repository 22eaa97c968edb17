package dev.spool.application.port.out;

import dev.spool.application.model.EventListener;
import dev.spool.application.model.StoredEvent;
import dev.spool.application.model.Subscription;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.event.BatchEvent;
import java.util.List;

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
}
