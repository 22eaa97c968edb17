package dev.spool.application.service;

import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.ResumeBatch;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.event.BatchStatusChanged.Change;

/** Resumes a paused batch. If its last items finished while it was paused, it finishes now. */
public final class ResumeBatchService implements ResumeBatch {
  private final StatusChanges changes;
  private final Runnable workAvailable;

  ResumeBatchService(StatusChanges changes, Runnable workAvailable) {
    this.changes = changes;
    this.workAvailable = workAvailable;
  }

  @Override
  public Batch resume(Actor actor, BatchId batch) {
    Batch resumed =
        changes.apply(actor, batch, Change.RESUMED, (b, now) -> b.resume(), StatusChanges::nothing);
    workAvailable.run();
    return resumed;
  }
}
