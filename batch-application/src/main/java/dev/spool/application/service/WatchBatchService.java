package dev.spool.application.service;

import dev.spool.application.dispatch.BatchSettler;
import dev.spool.application.model.EventListener;
import dev.spool.application.model.StoredEvent;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.WatchBatch;
import dev.spool.application.port.out.BatchEventLog;
import dev.spool.application.port.out.BatchStore;
import dev.spool.domain.batch.BatchId;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Watches an owned batch. The log position is read before the snapshot, so an event may show in
 * both but none falls between them; without a resume point, the watch starts there.
 */
public final class WatchBatchService implements WatchBatch {
  private final OwnedBatches owned;
  private final BatchStore store;
  private final BatchEventLog events;
  private final BatchSettler settler;

  WatchBatchService(BatchStore store, BatchEventLog events, BatchSettler settler) {
    this.owned = new OwnedBatches(store);
    this.store = store;
    this.events = events;
    this.settler = settler;
  }

  @Override
  public Watch watch(Actor actor, BatchId id, OptionalLong afterSequence, EventListener listener) {
    owned.read(actor, id);
    long historyEnd = events.latestSequence(id);
    long from = afterSequence.orElse(historyEnd);
    var snapshot = settler.overview(owned.read(actor, id));
    Optional<StoredEvent> finalEvent =
        snapshot.batch().status().isFinished() ? latest(id) : Optional.empty();
    return new Watch(
        snapshot,
        from,
        historyEnd,
        finalEvent,
        events.subscribe(id, from, listener),
        () -> store.find(id).isPresent());
  }

  /** The batch's latest event: sequences are unique, so the first after {@code head - 1}. */
  private Optional<StoredEvent> latest(BatchId id) {
    long head = events.latestSequence(id);
    return head == 0 ? Optional.empty() : events.readAfter(id, head - 1, 1).stream().findFirst();
  }
}
