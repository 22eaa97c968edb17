package dev.spool.adapter.persistence;

import dev.spool.application.model.CommittedEvent;
import dev.spool.application.model.EventListener;
import dev.spool.application.model.FeedPosition;
import dev.spool.application.model.StoredEvent;
import dev.spool.application.model.Subscription;
import dev.spool.application.port.out.BatchEventLog;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.event.BatchCompleted;
import dev.spool.domain.event.BatchEvent;
import dev.spool.domain.event.BatchProgressed;
import dev.spool.domain.event.BatchStatusChanged;
import dev.spool.domain.event.EventJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        INSERT INTO batch_events (batch_id, type, payload, created_at, tx)
        SELECT t.batch_id, t.type, CAST(t.payload AS json), %s,
            CASE WHEN t.type LIKE 'batch.%%' AND t.type <> 'batch.progress'
                THEN pg_current_xact_id() END
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
  private final CommitSignal commits;

  JdbiEventLog(JdbiTransactions tx, EventReader reader, EventFanout fanout, CommitSignal commits) {
    this.tx = tx;
    this.reader = reader;
    this.fanout = fanout;
    this.commits = commits;
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

  /**
   * Rows of transactions older than the oldest one still running, after the position, in commit
   * order: a transaction that is still open, or that committed while an older one was still open,
   * waits until that one ends, so a reader never passes an event that commits later.
   */
  private static final String COMMITTED_AFTER =
      """
      SELECT e.tx::text AS tx, e.seq, e.batch_id, e.type, e.payload, b.user_id
      FROM batch_events e JOIN batch_jobs b ON b.id = e.batch_id
      WHERE e.tx IS NOT NULL
        AND (e.tx, e.seq) > (CAST(:tx AS xid8), :seq)
        AND e.tx < pg_snapshot_xmin(pg_current_snapshot())
        %s
      ORDER BY e.tx, e.seq
      LIMIT :limit\
      """;

  @Override
  public List<CommittedEvent> committedAfter(
      FeedPosition after, Optional<UserId> owner, int limit) {
    String sql = COMMITTED_AFTER.formatted(owner.isPresent() ? "AND b.user_id = :owner" : "");
    return tx.withHandle(h -> {
      var query =
          h.createQuery(sql)
              .bind("tx", Long.toString(after.transaction()))
              .bind("seq", after.sequence())
              .bind("limit", limit);
      owner.ifPresent(o -> query.bind("owner", o.value()));
      return query
          .map((rs, ctx) -> {
            BatchId batch = new BatchId(rs.getObject("batch_id", UUID.class));
            long seq = rs.getLong("seq");
            return new CommittedEvent(
                new FeedPosition(Long.parseLong(rs.getString("tx")), seq),
                new UserId(rs.getObject("user_id", UUID.class)),
                new StoredEvent(seq, batch, rs.getString("type"), rs.getString("payload")));
          })
          .list();
    });
  }

  @Override
  public long commitSignal() {
    return commits.generation();
  }

  @Override
  public void awaitCommitted(long seen, Duration max) throws InterruptedException {
    commits.await(seen, max);
  }

  @Override
  public FeedPosition committedHead() {
    return tx.withHandle(h ->
        new FeedPosition(
            Long.parseLong(
                h.createQuery("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")
                    .mapTo(String.class)
                    .one()),
            0));
  }

  @Override
  public List<StoredEvent> latestProgress(UserId owner, Instant finishedSince, int limit) {
    return tx.withHandle(h ->
        h.createQuery(
                """
                SELECT b.id, p.seq, p.payload
                FROM (SELECT id, created_at FROM batch_jobs
                      WHERE user_id = :owner
                        AND (completed_at IS NULL OR completed_at >= :since)
                      ORDER BY created_at DESC, id DESC LIMIT :limit) b
                CROSS JOIN LATERAL (
                  SELECT seq, payload FROM batch_events e
                  WHERE e.batch_id = b.id AND e.type = 'batch.progress'
                  ORDER BY e.seq DESC LIMIT 1) p
                ORDER BY b.created_at DESC, b.id DESC\
                """)
            .bind("owner", owner.value())
            .bind("since", Rows.timestamp(finishedSince))
            .bind("limit", limit)
            .map((rs, ctx) ->
                new StoredEvent(
                    rs.getLong("seq"),
                    new BatchId(rs.getObject("id", UUID.class)),
                    BatchProgressed.TYPE,
                    rs.getString("payload")))
            .list());
  }

  @Override
  public Subscription subscribe(BatchId batch, long afterSequence, EventListener listener) {
    return fanout.subscribe(batch, afterSequence, listener);
  }
}
