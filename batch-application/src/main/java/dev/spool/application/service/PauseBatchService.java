package dev.spool.application.service;

import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.PauseBatch;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.event.BatchStatusChanged.Change;

/** Pauses a running batch. */
public final class PauseBatchService implements PauseBatch {
  private final StatusChanges changes;

  PauseBatchService(StatusChanges changes) {
    this.changes = changes;
  }

  @Override
  public Batch pause(Actor actor, BatchId batch) {
    return changes.apply(
        actor, batch, Change.PAUSED, (b, now) -> b.pause(now), StatusChanges::nothing);
  }
}
