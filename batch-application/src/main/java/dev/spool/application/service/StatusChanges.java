package dev.spool.application.service;

import dev.spool.application.dispatch.BatchSettler;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.out.BatchEventLog;
import dev.spool.application.port.out.BatchStore;
import dev.spool.application.port.out.Transactions;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.event.BatchStatusChanged;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The one way a person changes a batch's status: in a transaction, under the batch's lock, via a
 * domain transition, with the status event and a progress snapshot appended to the same
 * transaction. Holding the lock is what orders the change against concurrent claims.
 */
final class StatusChanges {
  private final OwnedBatches owned;
  private final BatchStore store;
  private final Transactions transactions;
  private final BatchEventLog events;
  private final BatchSettler settler;
  private final Clock clock;

  StatusChanges(
      BatchStore store,
      Transactions transactions,
      BatchEventLog events,
      BatchSettler settler,
      Clock clock) {
    this.owned = new OwnedBatches(store);
    this.store = store;
    this.transactions = transactions;
    this.events = events;
    this.settler = settler;
    this.clock = clock;
  }

  /**
   * Applies {@code transition} to the locked batch and stores it; then {@code afterwards} may
   * change items, and its result is re-read, announced and settled if it has drained.
   */
  Batch apply(
      Actor actor,
      BatchId id,
      BatchStatusChanged.Change change,
      BiFunction<Batch, Instant, Batch> transition,
      BiFunction<Batch, Instant, Integer> afterwards) {
    return transactions.inTransaction(() -> {
      Instant now = clock.instant();
      Batch changed = settler.updateLocked(transition.apply(owned.lock(actor, id), now));
      int touched = afterwards.apply(changed, now);
      Batch current = touched == 0 ? changed : store.find(id).orElseThrow();
      events.append(
          List.of(
              new BatchStatusChanged(id, change, current.status(), current.pauseReason(), now),
              settler.progressEvent(current, now)));
      return settler.settle(current, now).orElse(current);
    });
  }

  static int nothing(Batch batch, Instant now) {
    return 0;
  }
}
