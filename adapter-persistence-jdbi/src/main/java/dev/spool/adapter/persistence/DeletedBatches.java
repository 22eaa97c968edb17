package dev.spool.adapter.persistence;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Removes the rows of batches marked deleted, a bounded chunk per transaction, so that deleting a
 * batch of a million items never holds one transaction for seconds. Items go first, then questions,
 * then events, and the batch row last, once nothing of it is left: no foreign key cascades to any
 * of them (migrations V4 and V15). The batch row is locked throughout, and skipped if another node
 * is purging it.
 */
final class DeletedBatches {
  private DeletedBatches() {}

  /** Purges up to {@code maxRows} rows of one deleted batch; returns how many went. */
  static int purgeOne(Handle h, int maxRows) {
    Optional<UUID> batch =
        h.createQuery(
                """
                SELECT id FROM batch_jobs WHERE deleted_at IS NOT NULL
                ORDER BY deleted_at LIMIT 1 FOR UPDATE SKIP LOCKED\
                """)
            .mapTo(UUID.class)
            .findOne();
    if (batch.isEmpty()) {
      return 0;
    }
    int purged = 0;
    for (String table : new String[] {"batch_items", "questions"}) {
      purged +=
          h.createUpdate(
                  "DELETE FROM "
                      + table
                      + " WHERE id IN (SELECT id FROM "
                      + table
                      + " WHERE batch_id = :batch LIMIT :max)")
              .bind("batch", batch.get())
              .bind("max", maxRows - purged)
              .execute();
      if (purged >= maxRows) {
        return purged;
      }
    }
    purged +=
        h.createUpdate(
                """
                DELETE FROM batch_events WHERE batch_id = :batch AND seq IN (
                    SELECT seq FROM batch_events WHERE batch_id = :batch LIMIT :max)\
                """)
            .bind("batch", batch.get())
            .bind("max", maxRows - purged)
            .execute();
    if (purged == 0) {
      // nothing of it is left: the row goes, and with it the lock that kept writers out
      h.createUpdate("DELETE FROM batch_jobs WHERE id = :batch")
          .bind("batch", batch.get())
          .execute();
      return 1;
    }
    return purged;
  }
}
