package dev.spool.application.service;

import dev.spool.application.model.Pricing;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.ResumeBatch;
import dev.spool.application.port.out.OwnerAccounts;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.event.BatchStatusChanged.Change;
import dev.spool.domain.money.Money;
import java.util.Optional;

/** Resumes a paused batch. If its last items finished while it was paused, it finishes now. */
public final class ResumeBatchService implements ResumeBatch {
  private final StatusChanges changes;
  private final Runnable workAvailable;
  private final Pricing pricing;
  private final OwnerAccounts owners;

  ResumeBatchService(
      StatusChanges changes, Runnable workAvailable, Pricing pricing, OwnerAccounts owners) {
    this.changes = changes;
    this.workAvailable = workAvailable;
    this.pricing = pricing;
    this.owners = owners;
  }

  @Override
  public Batch resume(Actor actor, BatchId batch, Optional<Money> budget) {
    Batch resumed =
        changes.apply(
            actor,
            batch,
            Change.RESUMED,
            (b, now) -> {
              Batch budgeted = budget.isPresent() ? b.withBudget(budget) : b;
              Budgets.requireAffordable(budgeted, pricing, owners);
              return budgeted.resume();
            },
            StatusChanges::nothing);
    workAvailable.run();
    return resumed;
  }
}
