package dev.spool.adapter.persistence;

import java.util.Collection;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The rows that belong to a batch without a foreign key to it: its items, events and questions (see
 * migrations V4 and V15, which dropped those keys from the hot path). Whoever deletes batches
 * deletes these after them, in the same transaction and in a later statement: every writer of these
 * rows holds its batch's row lock (items are inserted with their batch), so once the batch row is
 * gone no more can arrive, and the later statement's snapshot sees any that committed before.
 */
final class Dependents {
  private Dependents() {}

  static void delete(Handle h, Collection<UUID> batches) {
    if (batches.isEmpty()) {
      return;
    }
    h.createUpdate(
            """
            WITH events AS (DELETE FROM batch_events WHERE batch_id = ANY(:batches)),
            items AS (DELETE FROM batch_items WHERE batch_id = ANY(:batches))
            DELETE FROM questions WHERE batch_id = ANY(:batches)\
            """)
        .bind("batches", SqlArrays.of(UUID.class, batches))
        .execute();
  }
}
