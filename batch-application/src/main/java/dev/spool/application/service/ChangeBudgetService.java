package dev.spool.application.service;

import dev.spool.application.dispatch.BatchSettler;
import dev.spool.application.model.Pricing;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.ChangeBudget;
import dev.spool.application.port.out.BatchEventLog;
import dev.spool.application.port.out.Transactions;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.InvalidStateTransition;
import dev.spool.domain.event.BatchEvent;
import dev.spool.domain.event.BatchStatusChanged;
import dev.spool.domain.money.Money;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sets a batch's budget under its lock, and continues the batch if it was paused for its budget and
 * the new one affords its next call. The change is announced with a {@code batch.progress}, which
 * carries the budget; a continued batch also gets its {@code batch.resumed}.
 */
public final class ChangeBudgetService implements ChangeBudget {
  private final OwnedBatches owned;
  private final Transactions transactions;
  private final BatchEventLog events;
  private final BatchSettler settler;
  private final Clock clock;
  private final Pricing pricing;
  private final Runnable workAvailable;

  ChangeBudgetService(
      OwnedBatches owned,
      Transactions transactions,
      BatchEventLog events,
      BatchSettler settler,
      Clock clock,
      Pricing pricing,
      Runnable workAvailable) {
    this.owned = owned;
    this.transactions = transactions;
    this.events = events;
    this.settler = settler;
    this.clock = clock;
    this.pricing = pricing;
    this.workAvailable = workAvailable;
  }

  @Override
  public Batch change(Actor actor, BatchId id, Optional<Money> budget) {
    Batch changed =
        transactions.inTransaction(() -> {
          Batch locked = owned.lock(actor, id);
          if (locked.status().isFinished()) {
            throw InvalidStateTransition.budgetChange(locked.status());
          }
          Instant now = clock.instant();
          Batch budgeted = locked.withBudget(budget);
          boolean continues = budgeted.isOutOfBudget() && Budgets.affordable(budgeted, pricing);
          Batch saved = settler.updateLocked(continues ? budgeted.resume() : budgeted);
          List<BatchEvent> announced = new ArrayList<>();
          if (continues) {
            announced.add(
                new BatchStatusChanged(
                    id, BatchStatusChanged.Change.RESUMED, BatchStatus.RUNNING, now));
          }
          announced.add(settler.progressEvent(saved, now));
          events.append(announced);
          return saved;
        });
    if (changed.status() == BatchStatus.RUNNING) {
      workAvailable.run();
    }
    return changed;
  }
}
