package dev.spool.adapter.persistence;

import dev.spool.application.model.EventListener;
import dev.spool.application.model.StoredEvent;
import dev.spool.application.model.Subscription;
import dev.spool.application.port.out.BatchEventLog;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.event.BatchCompleted;
import dev.spool.domain.event.BatchEvent;
import dev.spool.domain.event.BatchStatusChanged;
import dev.spool.domain.event.EventJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@link BatchEventLog} on batch_events: a transactional outbox. Appends join the caller's
 * transaction and send a {@code NOTIFY} that PostgreSQL delivers only on commit; each node's {@link
 * EventFanout} turns those into deliveries to its local subscribers.
 *
 * <p>Every writer of a batch's events holds that batch's row lock, so within one batch the sequence
 * order is also the commit order, and a reader that resumes after sequence N never skips an event
 * that commits later.
 */
final class JdbiEventLog implements BatchEventLog {
  static final String CHANNEL = "spool_events";

  /**
   * Inserts the events and notifies their batches' watchers in one round trip: the insert runs to
   * completion though nothing reads it, and notifications are delivered only on commit.
   */
  private static final String APPEND =
      """
      WITH appended AS (
        INSERT INTO batch_events (batch_id, type, payload, created_at)
        SELECT t.batch_id, t.type, CAST(t.payload AS json), %s
        FROM unnest(:batchIds, :types, :payloads, :ats) WITH ORDINALITY
            AS t(batch_id, type, payload, at_us, n)
        ORDER BY t.n
      )
      SELECT pg_notify('%s', b) FROM unnest(:batches) AS b\
      """
          .formatted(Timestamps.FROM_MICROS.formatted("t.at_us"), CHANNEL);

  private final JdbiTransactions tx;
  private final EventReader reader;
  private final EventFanout fanout;

  JdbiEventLog(JdbiTransactions tx, EventReader reader, EventFanout fanout) {
    this.tx = tx;
    this.reader = reader;
    this.fanout = fanout;
  }

  @Override
  public void append(List<BatchEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    List<Long> ats = new ArrayList<>(events.size());
    List<String> payloads = new ArrayList<>(events.size());
    for (BatchEvent event : events) {
      ats.add(Timestamps.micros(event.at()));
      payloads.add(EventJson.encode(event));
    }
    tx.inTransaction(() ->
        tx.withHandle(h ->
            h.createQuery(APPEND)
                .bind(
                    "batchIds",
                    SqlArrays.of(
                        UUID.class, events.stream().map(e -> e.batchId().value()).toList()))
                .bind(
                    "types",
                    SqlArrays.of(String.class, events.stream().map(BatchEvent::type).toList()))
                .bind("payloads", SqlArrays.of(String.class, payloads))
                .bind("ats", SqlArrays.of(Long.class, ats))
                .bind("batches", SqlArrays.of(String.class, notifications(events)))
                .mapToMap()
                .list()));
  }

  /**
   * One notification per batch: its id, marked {@link EventFanout#URGENT} when the batch's status
   * changed or it finished, so that watchers see that at once rather than at the end of the fan-out
   * window that item events wait for.
   */
  static List<String> notifications(List<BatchEvent> events) {
    Map<BatchId, Boolean> urgent = new LinkedHashMap<>();
    for (BatchEvent event : events) {
      boolean status = event instanceof BatchStatusChanged || event instanceof BatchCompleted;
      urgent.merge(event.batchId(), status, Boolean::logicalOr);
    }
    List<String> notifications = new ArrayList<>(urgent.size());
    urgent.forEach((batch, now) -> notifications.add(batch + (now ? EventFanout.URGENT : "")));
    return notifications;
  }

  @Override
  public List<StoredEvent> readAfter(BatchId batch, long afterSequence, int limit) {
    return reader.readAfter(batch, afterSequence, limit);
  }

  @Override
  public long latestSequence(BatchId batch) {
    return tx.withHandle(h ->
        h.createQuery("SELECT coalesce(max(seq), 0) FROM batch_events WHERE batch_id = :batch")
            .bind("batch", batch.value())
            .mapTo(Long.class)
            .one());
  }

  @Override
  public Subscription subscribe(BatchId batch, long afterSequence, EventListener listener) {
    return fanout.subscribe(batch, afterSequence, listener);
  }
}
