package dev.spool.application.port.out;

import dev.spool.domain.batch.Batch;

/** What {@link BatchStore#create} did. */
public sealed interface CreateResult {
  Batch batch();

  /** The batch and its items were inserted. */
  record Created(Batch batch) implements CreateResult {}

  /** The owner already has a batch under this idempotency key; nothing was inserted. */
  record Existing(Batch batch) implements CreateResult {}
}
