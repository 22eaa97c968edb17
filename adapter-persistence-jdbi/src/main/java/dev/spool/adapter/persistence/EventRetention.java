package dev.spool.adapter.persistence;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans up after finished batches, as seed 004's cleanup did: their events once the retention has
 * passed, and, if configured, the finished batches themselves.
 */
final class EventRetention {
  private static final Logger LOG = LoggerFactory.getLogger(EventRetention.class);
  private static final String FINISHED =
      "('completed', 'completed_with_errors', 'failed', 'cancelled')";

  private final Jdbi jdbi;
  private final Duration eventRetention;
  private final Optional<Duration> batchRetention;

  EventRetention(Jdbi jdbi, Duration eventRetention, Optional<Duration> batchRetention) {
    this.jdbi = jdbi;
    this.eventRetention = eventRetention;
    this.batchRetention = batchRetention;
  }

  /** Deletes what has outlived its retention; returns how many events and batches went. */
  int[] cleanUp() {
    int events =
        jdbi.withHandle(h ->
            h.createUpdate(
                    """
                    DELETE FROM batch_events e USING batch_jobs b
                    WHERE e.batch_id = b.id AND b.status IN\
                    """
                        + " "
                        + FINISHED
                        + """
                        AND b.in_flight = 0
                         AND b.completed_at < now() - :retentionMillis * interval '1 millisecond'\
                        """)
                .bind("retentionMillis", eventRetention.toMillis())
                .execute());
    int batches =
        batchRetention
            .map(retention ->
                jdbi.inTransaction(h -> {
                  List<UUID> gone =
                      h.createQuery(
                              "DELETE FROM batch_jobs WHERE status IN "
                                  + FINISHED
                                  + " AND in_flight = 0"
                                  + " AND completed_at < now() - :retentionMillis * interval"
                                  + " '1 millisecond' RETURNING id")
                          .bind("retentionMillis", retention.toMillis())
                          .mapTo(UUID.class)
                          .list();
                  Dependents.delete(h, gone);
                  return gone.size();
                }))
            .orElse(0);
    if (events + batches > 0) {
      LOG.info("retention removed {} events and {} finished batches", events, batches);
    }
    return new int[] {events, batches};
  }
}
