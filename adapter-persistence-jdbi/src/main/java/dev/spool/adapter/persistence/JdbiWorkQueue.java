package dev.spool.adapter.persistence;

import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.ItemOutcome;
import dev.spool.application.port.out.RecordResult;
import dev.spool.application.port.out.WorkQueue;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.ItemMove;
import dev.spool.domain.batch.Lease;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.statement.Query;

/**
 * {@link WorkQueue} on batch_items. A claim is one statement: it locks running batches with free
 * slots ({@code FOR UPDATE SKIP LOCKED}), so it serialises with a pause or cancel of the same batch
 * and never counts slots that another node is filling; it takes each batch's oldest pending items
 * through the partial index of pending rows, and leases them by the database clock. The move itself
 * is the domain's {@link ItemMove#CLAIM}: its statuses are written into the statement as literals
 * (so a generic plan can still use the partial indexes), the rest bound as values.
 */
final class JdbiWorkQueue implements WorkQueue {
  private static final int BATCHES_PER_CLAIM = 64;
  static final String CLAIM =
      """
      WITH running AS (
        SELECT id, least(concurrency, effective_concurrency) - in_flight AS slots
        FROM batch_jobs
        WHERE status = '%s' AND in_flight < least(concurrency, effective_concurrency)
        ORDER BY created_at
        LIMIT :batches
        FOR UPDATE SKIP LOCKED),
      picked AS (
        SELECT p.id FROM running r
        CROSS JOIN LATERAL (
          SELECT i.id FROM batch_items i
          WHERE i.batch_id = r.id AND i.status = '%s'
            AND (i.not_before IS NULL OR i.not_before <= now())
          ORDER BY i.position
          LIMIT r.slots
          FOR UPDATE SKIP LOCKED) p
        LIMIT :max),
      claimed AS (
        UPDATE batch_items i SET status = :to,
            attempts = i.attempts * :attemptsKept + :attemptsAdded,
            lease_owner = :node, lease_token = gen_random_uuid(),
            lease_expires_at = now() + :leaseMillis * interval '1 millisecond',
            not_before = NULL, updated_at = now(), started_at = coalesce(i.started_at, now())
        FROM picked p WHERE i.id = p.id
        RETURNING i.*),
      counted AS (
        UPDATE batch_jobs b SET in_flight = b.in_flight + n.claimed * :inFlightPerItem
        FROM (SELECT batch_id, count(*) AS claimed FROM claimed GROUP BY batch_id) n
        WHERE b.id = n.batch_id
        RETURNING b.id)
      """
              .formatted(BatchStatus.RUNNING.wireName(), ItemMove.CLAIM.from().wireName())
          + Sql.CLAIMED_COLUMNS
          + " FROM claimed c JOIN batch_jobs b ON b.id = c.batch_id"
          + " ORDER BY c.batch_id, c.position";

  /**
   * Renews the leases it can lock at once and never waits for a row: one that is locked is being
   * written by its outcome right now, and waiting for it in another order than that write's could
   * deadlock. Such a lease is reported as still held (it is, until that write commits). Only an
   * item in progress has a lease token (a table check says so), so matching the token is enough,
   * and rows are found by primary key rather than through a partial index of in-progress rows.
   */
  private static final String RENEW =
      """
      WITH wanted AS (
        SELECT * FROM unnest(:ids, :tokens) AS t(id, token)),
      lockable AS (
        SELECT i.id FROM batch_items i JOIN wanted w ON i.id = w.id AND i.lease_token = w.token
        FOR UPDATE OF i SKIP LOCKED),
      renewed AS (
        UPDATE batch_items i
        SET lease_expires_at = now() + :leaseMillis * interval '1 millisecond'
        FROM lockable l
        WHERE i.id = l.id
        RETURNING i.id, i.lease_owner, i.lease_token, i.lease_expires_at)
      SELECT * FROM renewed
      UNION ALL
      SELECT i.id, i.lease_owner, i.lease_token, i.lease_expires_at
      FROM batch_items i JOIN wanted w ON i.id = w.id AND i.lease_token = w.token
      WHERE i.id NOT IN (SELECT id FROM renewed)\
      """;

  private final JdbiTransactions tx;
  private final OutcomeStatements outcomes = new OutcomeStatements();

  JdbiWorkQueue(JdbiTransactions tx) {
    this.tx = tx;
  }

  @Override
  public List<ClaimedItem> claim(String node, int max, Duration leaseDuration) {
    return tx.inOrderedScans(h ->
        claim(h.createQuery(CLAIM))
            .bind("batches", BATCHES_PER_CLAIM)
            .bind("max", max)
            .bind("node", node)
            .bind("leaseMillis", leaseDuration.toMillis())
            .map(Rows.claimedItems())
            .list());
  }

  /** Binds the values of {@link ItemMove#CLAIM} to {@code query}, a {@link #CLAIM}. */
  static Query claim(Query query) {
    return query
        .bind("to", ItemMove.CLAIM.to().wireName())
        .bind("attemptsKept", ItemMove.CLAIM.attemptsKept())
        .bind("attemptsAdded", ItemMove.CLAIM.attemptsAdded())
        .bind("inFlightPerItem", ItemMove.CLAIM.perItem().inFlight());
  }

  @Override
  public List<Lease> renew(Collection<Lease> leases, Duration leaseDuration) {
    if (leases.isEmpty()) {
      return List.of();
    }
    return tx.withHandle(h ->
        h.createQuery(RENEW)
            .bind("leaseMillis", leaseDuration.toMillis())
            .bind(
                "ids",
                SqlArrays.of(UUID.class, leases.stream().map(l -> l.itemId().value()).toList()))
            .bind("tokens", SqlArrays.of(UUID.class, leases.stream().map(Lease::token).toList()))
            .map((rs, ctx) ->
                new Lease(
                    new dev.spool.domain.batch.ItemId(Rows.uuid(rs, "id")),
                    rs.getString("lease_owner"),
                    Rows.uuid(rs, "lease_token"),
                    Rows.instant(rs, "lease_expires_at")))
            .list());
  }

  @Override
  public List<RecordResult> record(List<ItemOutcome> list) {
    if (list.isEmpty()) {
      return List.of();
    }
    return tx.inTransaction(() -> tx.withHandle(h -> outcomes.apply(h, list)));
  }

  @Override
  public List<ClaimedItem> expired(int limit) {
    return inProgress("c.lease_expires_at <= now()", null, limit);
  }

  @Override
  public List<ClaimedItem> heldBy(String node, int limit) {
    return inProgress("c.lease_owner = :node", node, limit);
  }

  private List<ClaimedItem> inProgress(String condition, String node, int limit) {
    String sql =
        Sql.CLAIMED_COLUMNS
            + " FROM batch_items c JOIN batch_jobs b"
            + " ON b.id = c.batch_id WHERE c.status = 'in_progress' AND "
            + condition
            + " ORDER BY c.lease_expires_at LIMIT :limit";
    return tx.withHandle(h -> {
      var query = h.createQuery(sql).bind("limit", limit);
      if (node != null) {
        query.bind("node", node);
      }
      return query.map(Rows.claimedItems()).list();
    });
  }
}
