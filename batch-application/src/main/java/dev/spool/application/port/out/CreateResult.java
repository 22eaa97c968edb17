package dev.spool.application.port.out;

import dev.spool.domain.batch.Batch;

/** What {@link BatchStore#create} did. */
public sealed interface CreateResult {
  Batch batch();

  /** The batch and its items were inserted. */
  record Created(Batch batch) implements CreateResult {}

  /**
   * The owner already has a batch under this idempotency key; nothing was inserted.
   *
   * @param sameConfig whether the stored batch was created with a config equal to the one offered
   *     now (the store keeps a digest, since a stored config may be read back as a summary)
   */
  record Existing(Batch batch, boolean sameConfig) implements CreateResult {}
}
