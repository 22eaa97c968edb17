package dev.spool.application.service;

import dev.spool.application.dispatch.BatchSettler;
import dev.spool.application.model.EventListener;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.WatchBatch;
import dev.spool.application.port.out.BatchEventLog;
import dev.spool.application.port.out.BatchStore;
import dev.spool.domain.batch.BatchId;
import java.util.OptionalLong;

/**
 * Watches an owned batch. Without a resume point, the log position is read before the snapshot, so
 * an event may show in both but none falls between them.
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
    long from = afterSequence.orElseGet(() -> events.latestSequence(id));
    var snapshot = settler.overview(owned.read(actor, id));
    return new Watch(
        snapshot, from, events.subscribe(id, from, listener), () -> store.find(id).isPresent());
  }
}
