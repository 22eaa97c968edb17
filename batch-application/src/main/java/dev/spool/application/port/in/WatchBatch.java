package dev.spool.application.port.in;

import dev.spool.application.model.BatchOverview;
import dev.spool.application.model.EventListener;
import dev.spool.application.model.StoredEvent;
import dev.spool.application.model.Subscription;
import dev.spool.domain.batch.BatchId;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * Watches one owned batch: a snapshot now, then every event after a sequence number, each once and
 * in order. A watcher that reconnects with the last sequence it saw misses nothing.
 */
public interface WatchBatch {

  /**
   * @param afterSequence resume after this event; when empty, the watch starts at the snapshot
   * @throws dev.spool.domain.batch.BatchNotFound for an unknown id
   * @throws dev.spool.domain.batch.NotBatchOwner for another user's batch
   */
  Watch watch(Actor actor, BatchId batch, OptionalLong afterSequence, EventListener listener);

  /**
   * @param snapshot the batch when the watch began; every later change arrives as an event
   * @param afterSequence the log position the watch starts after: events up to it are in the
   *     snapshot (or were seen before a resume), and a watcher resuming after it misses nothing
   * @param historyEnd the log position read just before the snapshot: the snapshot reflects every
   *     event up to it, so a watcher that replays older events must not act on them again (an old
   *     {@code batch.complete} before a retry round does not end the batch)
   * @param finalEvent when the snapshot shows a finished batch, the latest event in its log, read
   *     after the snapshot: the event that ended it, which a watcher that missed it is sent again
   * @param subscription close it to stop watching
   * @param batchExists whether the batch is still stored: a finished batch may be deleted, and its
   *     deletion leaves no event behind to tell a watcher, so a watcher asks when idle
   */
  record Watch(
      BatchOverview snapshot,
      long afterSequence,
      long historyEnd,
      Optional<StoredEvent> finalEvent,
      Subscription subscription,
      BooleanSupplier batchExists)
      implements AutoCloseable {
    @Override
    public void close() {
      subscription.close();
    }
  }
}
