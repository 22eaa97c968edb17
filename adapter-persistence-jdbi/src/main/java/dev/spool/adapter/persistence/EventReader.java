package dev.spool.adapter.persistence;

import dev.spool.application.model.StoredEvent;
import dev.spool.domain.batch.BatchId;
import java.util.List;

/**
 * Reads a batch's committed events after a sequence, as the JSON they were appended with; shared by
 * the log and its fan-out.
 */
final class EventReader {
  private final JdbiTransactions tx;

  EventReader(JdbiTransactions tx) {
    this.tx = tx;
  }

  List<StoredEvent> readAfter(BatchId batch, long afterSequence, int limit) {
    return tx.withHandle(h ->
        h.createQuery(
                """
                SELECT seq, type, payload FROM batch_events
                WHERE batch_id = :batch AND seq > :after ORDER BY seq LIMIT :limit\
                """)
            .bind("batch", batch.value())
            .bind("after", afterSequence)
            .bind("limit", limit)
            .map((rs, ctx) ->
                new StoredEvent(
                    rs.getLong("seq"), batch, rs.getString("type"), rs.getString("payload")))
            .list());
  }
}
