package dev.spool.adapter.persistence;

import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.ItemOutcome;
import dev.spool.application.port.out.RecordResult;
import dev.spool.application.port.out.WorkQueue;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.ItemMove;
import dev.spool.domain.batch.Lease;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.fairness.Allowance;
import dev.spool.domain.fairness.Claimable;
import dev.spool.domain.fairness.FairShare;
import dev.spool.domain.fairness.OwnerShare;
import dev.spool.domain.fairness.ShareClock;
import dev.spool.domain.money.Money;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * {@link WorkQueue} on batch_items. When one batch of one owner without quotas or budgets is all
 * there is to claim from, a claim is one statement ({@link #CLAIM_ALONE}). Otherwise it is a few in
 * one transaction: the first locks the fair-share rows of the owners with claimable batches, in one
 * order, and reads their clocks after the lock, so claims for the same owners take turns on every
 * node; the next reads what their quotas and budgets leave, and their candidate batches, without
 * locking those. The domain's {@link FairShare} decides how many items each batch gets. The claim
 * statement then locks the batches it was granted ({@code FOR UPDATE SKIP LOCKED}), so it
 * serialises with a pause or cancel of the same batch and counts slots after any other write,
 * re-reads their slots and budgets under the lock, and takes each batch's oldest pending items
 * through the partial index of pending rows, leasing them by the database clock. A batch whose row
 * another transaction holds (an outcome write, a few milliseconds) is left out of this claim, and
 * its share with it: handing its share to the others would let whoever is not writing outcomes at
 * the moment win the turns. The move itself is the domain's {@link ItemMove#CLAIM}, its statuses
 * written into the statement as literals (so a generic plan can still use the partial indexes), the
 * rest bound as values. The last statements write the owners' and batches' new clocks, charged for
 * what was really claimed, and what the claim used of the owners' quotas and budgets.
 */
final class JdbiWorkQueue implements WorkQueue {
  private static final int BATCHES_PER_CLAIM = 64;

  /**
   * Running batches with free slots, the owners whose clocks start earliest first (so the 64 cover
   * the owners next in line). Read, not locked: the claim locks those it was granted.
   */
  static final String CANDIDATES =
      """
      WITH clock AS (SELECT coalesce(max(last_start), 0) AS now FROM owner_shares)
      SELECT b.id, b.user_id, b.virtual_time AS batch_time, e.estimate,
          least(least(b.concurrency, b.effective_concurrency) - b.in_flight,
                b.total_items - b.completed_items - b.failed_items - b.cancelled_items
                    - b.in_flight,
                CASE WHEN b.budget_nanos IS NULL OR e.estimate = 0 THEN 2147483647
                     ELSE greatest(0, least(2147483647,
                         floor((b.budget_nanos - b.spent_nanos - b.reserved_nanos)::numeric
                             / e.estimate)))
                END) AS items
      FROM batch_jobs b JOIN owner_shares o ON o.user_id = b.user_id CROSS JOIN clock
      CROSS JOIN LATERAL (SELECT %s AS estimate) e
      WHERE b.status = '%s' AND b.in_flight < least(b.concurrency, b.effective_concurrency)
      ORDER BY greatest(o.virtual_time, clock.now), b.created_at
      LIMIT :batches\
      """
          .formatted(Sql.ESTIMATE, BatchStatus.RUNNING.wireName());

  /**
   * The owners of running batches with free slots, locked in one order and read after the lock:
   * claims that could serve the same owners take turns, each seeing the clocks the one before it
   * charged, so the order holds for the sum of all nodes. Then the system's virtual time.
   */
  private static final String OWNERS =
      """
      SELECT user_id, weight, virtual_time, last_start, batch_clock,
          (SELECT coalesce(max(last_start), 0) FROM owner_shares) AS system_time
      FROM (
        SELECT * FROM owner_shares
        WHERE user_id IN (
          SELECT user_id FROM batch_jobs
          WHERE status = '%s' AND in_flight < least(concurrency, effective_concurrency))
        ORDER BY user_id
        FOR UPDATE) o\
      """
          .formatted(BatchStatus.RUNNING.wireName());

  /**
   * What the quotas and monthly budgets of the owners locked by {@link #OWNERS} leave them. A
   * statement of its own, after the lock: in READ COMMITTED each statement reads the latest
   * commits, so it sees the items in flight and the spend of the claim that held the lock before.
   */
  private static final String ALLOWANCES =
      """
      SELECT user_id,
          max_in_flight - (SELECT coalesce(sum(in_flight), 0) FROM batch_jobs b
                           WHERE b.user_id = o.user_id AND b.in_flight > 0) AS in_flight_left,
          CASE WHEN calls_per_second IS NULL THEN NULL
               ELSE least(greatest(1, calls_per_second / 10), call_tokens
                   + calls_per_second * extract(epoch FROM now() - call_tokens_at)) END
              AS calls_left,
          monthly_budget_nanos
              - (SELECT coalesce(sum(reserved_nanos), 0) FROM batch_jobs b
                 WHERE b.user_id = o.user_id AND b.reserved_nanos > 0)
              - coalesce((SELECT spent_nanos FROM owner_spend s
                          WHERE s.user_id = o.user_id AND s.month = %s), 0) AS money_left
      FROM owner_shares o
      WHERE user_id = ANY(:owners)
        AND (max_in_flight IS NOT NULL OR calls_per_second IS NOT NULL
          OR monthly_budget_nanos IS NOT NULL)\
      """
          .formatted(Sql.THIS_MONTH);

  /**
   * How many owners and batches could take items now: with one batch of one owner there is nobody
   * to share with, and a claim skips the bookkeeping of the fair share.
   */
  private static final String SHAPE =
      """
      SELECT count(DISTINCT b.user_id) AS owners, count(*) AS batches,
          coalesce(bool_or(b.budget_nanos IS NOT NULL OR o.max_in_flight IS NOT NULL
              OR o.calls_per_second IS NOT NULL OR o.monthly_budget_nanos IS NOT NULL), false)
              AS limited
      FROM batch_jobs b JOIN owner_shares o ON o.user_id = b.user_id
      WHERE b.status = '%s' AND b.in_flight < least(b.concurrency, b.effective_concurrency)\
      """
          .formatted(BatchStatus.RUNNING.wireName());

  /**
   * The claim when one batch is all there is to claim from: it locks the batch and takes its oldest
   * pending items in one statement, charging nobody. Leaving a lone owner's clock behind costs no
   * one: the next owner to arrive starts at the system's time, which that clock set. It waits for
   * the batch's lock rather than skipping it: the lock is an outcome write's, a few milliseconds
   * long, and a claim that skipped it would hand back the permits it holds, which a full bucket
   * cannot take back (B3 lost 3 % of its limit so). The wait holds no other lock.
   */
  private static final String ALONE =
      """
      WITH granted AS (
        SELECT id, least(concurrency, effective_concurrency) - in_flight AS n,
            0::bigint AS cost
        FROM batch_jobs
        WHERE status = '%s' AND in_flight < least(concurrency, effective_concurrency)
        LIMIT 1
        FOR UPDATE),
      """
          .formatted(BatchStatus.RUNNING.wireName());

  /** The claim's part after {@code granted}: batch ids and how many items each may take. */
  private static final String TAKE =
      """
      picked AS (
        SELECT p.id, g.cost FROM granted g
        CROSS JOIN LATERAL (
          SELECT i.id FROM batch_items i
          WHERE i.batch_id = g.id AND i.status = '%s'
            AND (i.not_before IS NULL OR i.not_before <= now())
          ORDER BY i.position
          LIMIT g.n
          FOR UPDATE SKIP LOCKED) p
        LIMIT :max),
      claimed AS (
        UPDATE batch_items i SET status = :to,
            attempts = i.attempts * :attemptsKept + :attemptsAdded,
            lease_owner = :node, lease_token = gen_random_uuid(),
            lease_expires_at = now() + :leaseMillis * interval '1 millisecond',
            not_before = NULL, updated_at = now(), started_at = coalesce(i.started_at, now()),
            reserved_nanos = p.cost
        FROM picked p WHERE i.id = p.id
        RETURNING i.*),
      counted AS (
        UPDATE batch_jobs b SET in_flight = b.in_flight + n.claimed * :inFlightPerItem,
            reserved_nanos = b.reserved_nanos + n.reserved
        FROM (SELECT batch_id, count(*) AS claimed, sum(reserved_nanos) AS reserved
              FROM claimed GROUP BY batch_id) n
        WHERE b.id = n.batch_id
        RETURNING b.id, b.user_id, b.course_id, b.total_items, b.concurrency, b.max_retries)
      """
              .formatted(ItemMove.CLAIM.from().wireName())
          // the claimed batches' columns come from the counted rows, one per batch: joined to
          // batch_jobs instead, the planner expected one claimed row and walked every batch in the
          // table, scanning the claimed rows once per batch
          + Sql.CLAIMED_COLUMNS
          + " FROM claimed c JOIN counted b ON b.id = c.batch_id"
          + " ORDER BY c.batch_id, c.position";

  static final String CLAIM_ALONE = ALONE + TAKE;

  /**
   * Locks the batches granted items, skipping any another transaction holds, and takes the granted
   * number of items of each, at most {@code max} in all: no more than the slots and the budget the
   * batch has now, under its lock.
   */
  static final String CLAIM =
      """
      WITH wanted AS (
        SELECT * FROM unnest(:ids, :counts, :costs) AS w(id, n, cost)),
      granted AS (
        SELECT b.id, w.cost,
            greatest(0, least(w.n, least(b.concurrency, b.effective_concurrency) - b.in_flight,
                CASE WHEN b.budget_nanos IS NULL OR w.cost = 0 THEN 2147483647
                     ELSE greatest(0, least(2147483647,
                         floor((b.budget_nanos - b.spent_nanos - b.reserved_nanos)::numeric
                             / w.cost)))
                END))::int AS n
        FROM batch_jobs b JOIN wanted w ON w.id = b.id
        WHERE b.status = '%s'
        FOR UPDATE OF b SKIP LOCKED),
      """
              .formatted(BatchStatus.RUNNING.wireName())
          + TAKE;

  /** Writes the clocks {@link FairShare#charge} worked out; the rows are locked by the claim. */
  private static final String CHARGE =
      """
      WITH owners AS (
        UPDATE owner_shares o
        SET virtual_time = c.virtual_time, last_start = c.last_start, batch_clock = c.batch_clock
        FROM unnest(:owners, :virtualTimes, :lastStarts, :batchClocks)
            AS c(user_id, virtual_time, last_start, batch_clock)
        WHERE o.user_id = c.user_id
        RETURNING o.user_id)
      UPDATE batch_jobs b SET virtual_time = t.virtual_time
      FROM unnest(:batches, :batchTimes) AS t(id, virtual_time)
      WHERE b.id = t.id\
      """;

  /**
   * What a claim used of each owner's call quota: the calls taken from its bucket, refilled by the
   * time passed as {@link #ALLOWANCES} read it. The rows are locked by the claim.
   */
  private static final String USE =
      """
      UPDATE owner_shares o SET
          call_tokens = CASE WHEN o.calls_per_second IS NULL THEN 0
              ELSE greatest(0, least(greatest(1, o.calls_per_second / 10), o.call_tokens
                  + o.calls_per_second * extract(epoch FROM now() - o.call_tokens_at)) - u.calls)
              END,
          call_tokens_at = now()
      FROM unnest(:owners, :calls) AS u(user_id, calls)
      WHERE o.user_id = u.user_id AND o.calls_per_second IS NOT NULL\
      """;

  /**
   * Running batches with items waiting whose next attempt their budget, or their owner's budget for
   * this month, cannot afford.
   */
  private static final String UNAFFORDABLE =
      """
      SELECT b.id FROM batch_jobs b JOIN owner_shares o ON o.user_id = b.user_id
      CROSS JOIN LATERAL (SELECT %s AS estimate) e
      WHERE b.status = '%s'
        AND b.total_items - b.completed_items - b.failed_items - b.cancelled_items - b.in_flight > 0
        AND ((b.in_flight = 0 AND b.budget_nanos - b.spent_nanos - b.reserved_nanos < e.estimate)
          OR (NOT EXISTS (SELECT 1 FROM batch_jobs f WHERE f.user_id = o.user_id AND f.in_flight > 0)
              AND o.monthly_budget_nanos
              - coalesce((SELECT spent_nanos FROM owner_spend s
                          WHERE s.user_id = o.user_id AND s.month = %s), 0) < e.estimate))
      LIMIT :limit\
      """
          .formatted(Sql.ESTIMATE, BatchStatus.RUNNING.wireName(), Sql.THIS_MONTH);

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
  public List<ClaimedItem> claim(
      String node, int max, Duration leaseDuration, Money firstEstimate) {
    return tx.inOrderedScans(h -> {
      var shape =
          h.createQuery(SHAPE)
              .map((rs, ctx) ->
                  new Shape(rs.getInt("owners"), rs.getInt("batches"), rs.getBoolean("limited")))
              .one();
      if (shape.batches == 0) {
        return List.of();
      }
      if (shape.owners == 1 && shape.batches == 1 && !shape.limited) {
        return take(h.createQuery(CLAIM_ALONE), max, node, leaseDuration)
            .map(Rows.claimedItems())
            .list();
      }
      Candidates candidates = candidates(h, firstEstimate, shape.limited);
      List<FairShare.Grant> grants =
          FairShare.plan(
              candidates.owners,
              candidates.systemTime,
              candidates.batches,
              max,
              candidates.allowances);
      if (grants.isEmpty()) {
        return List.of();
      }
      Map<BatchId, Money> estimates = new HashMap<>();
      candidates.batches.forEach(b -> estimates.put(b.batch(), b.estimate()));
      List<ClaimedItem> claimed =
          take(h.createQuery(CLAIM), max, node, leaseDuration)
              .bind(
                  "ids",
                  SqlArrays.of(UUID.class, grants.stream().map(g -> g.batch().value()).toList()))
              .bind(
                  "counts",
                  SqlArrays.of(Integer.class, grants.stream().map(FairShare.Grant::items).toList()))
              .bind(
                  "costs",
                  SqlArrays.of(
                      Long.class,
                      grants.stream().map(g -> estimates.get(g.batch()).nanos()).toList()))
              .map(Rows.claimedItems())
              .list();
      charge(h, candidates, claimed);
      use(h, candidates, claimed);
      return claimed;
    });
  }

  private record Shape(int owners, int batches, boolean limited) {}

  /**
   * Takes what the claim used from its owners' call buckets. Their money is held on their batches
   * ({@code batch_jobs.reserved_nanos}), which the claim statement already added to: an outcome
   * write releases it there, so it never needs an owner's row, which a claim inside that write (the
   * refill) locks in the owners' order.
   */
  private static void use(Handle h, Candidates candidates, List<ClaimedItem> claimed) {
    if (claimed.isEmpty() || candidates.allowances.isEmpty()) {
      return;
    }
    Map<UserId, Long> perOwner = new LinkedHashMap<>();
    for (ClaimedItem c : claimed) {
      if (candidates.allowances.containsKey(c.owner())) {
        perOwner.merge(c.owner(), 1L, Long::sum);
      }
    }
    if (perOwner.isEmpty()) {
      return;
    }
    h.createUpdate(USE)
        .bind(
            "owners",
            SqlArrays.of(UUID.class, perOwner.keySet().stream().map(UserId::value).toList()))
        .bind("calls", SqlArrays.of(Long.class, List.copyOf(perOwner.values())))
        .execute();
  }

  @Override
  public List<BatchId> unaffordable(Money firstEstimate, int limit) {
    return tx.withHandle(h ->
        h.createQuery(UNAFFORDABLE)
            .bind("firstEstimate", firstEstimate.nanos())
            .bind("limit", limit)
            .map((rs, ctx) -> new BatchId(Rows.uuid(rs, "id")))
            .list());
  }

  private static Query take(Query query, int max, String node, Duration leaseDuration) {
    return claim(query)
        .bind("max", max)
        .bind("node", node)
        .bind("leaseMillis", leaseDuration.toMillis());
  }

  /** What the claim's first statement read: the candidates, their owners, the system's time. */
  private record Candidates(
      List<Claimable> batches,
      Map<UserId, OwnerShare> owners,
      double systemTime,
      Map<UserId, Allowance> allowances) {}

  private static Candidates candidates(Handle h, Money firstEstimate, boolean limited) {
    Map<UserId, OwnerShare> owners = new HashMap<>();
    Map<UserId, Allowance> allowances = new HashMap<>();
    double[] systemTime = {0};
    h.createQuery(OWNERS)
        .map((rs, ctx) -> {
          UserId owner = new UserId(Rows.uuid(rs, "user_id"));
          owners.put(
              owner,
              new OwnerShare(
                  owner,
                  rs.getDouble("weight"),
                  new ShareClock(
                      rs.getDouble("virtual_time"),
                      rs.getDouble("last_start"),
                      rs.getDouble("batch_clock"))));
          systemTime[0] = rs.getDouble("system_time");
          return owner;
        })
        .list();
    if (owners.isEmpty()) {
      return new Candidates(List.of(), owners, 0, allowances);
    }
    // no owner has quotas or a monthly budget, and no batch a budget: nothing to read
    if (limited) {
      h.createQuery(ALLOWANCES)
          .bind(
              "owners",
              SqlArrays.of(UUID.class, owners.keySet().stream().map(UserId::value).toList()))
          .map((rs, ctx) -> {
            UserId owner = new UserId(Rows.uuid(rs, "user_id"));
            allowance(rs).ifPresent(a -> allowances.put(owner, a));
            return 0;
          })
          .list();
    }
    List<Claimable> batches =
        h.createQuery(CANDIDATES)
            .bind("batches", BATCHES_PER_CLAIM)
            .bind("firstEstimate", firstEstimate.nanos())
            .map((rs, ctx) ->
                new Claimable(
                    new BatchId(Rows.uuid(rs, "id")),
                    new UserId(Rows.uuid(rs, "user_id")),
                    rs.getDouble("batch_time"),
                    Math.max(0, rs.getInt("items")),
                    new Money(Math.max(0, rs.getLong("estimate")))))
            .list();
    // a batch that started running after the owners were read waits for the next claim
    batches = batches.stream().filter(b -> owners.containsKey(b.owner())).toList();
    return new Candidates(batches, owners, systemTime[0], allowances);
  }

  /** What an owner's quotas and monthly budget leave it, if it has any. */
  private static java.util.Optional<Allowance> allowance(java.sql.ResultSet rs)
      throws java.sql.SQLException {
    long items = Integer.MAX_VALUE;
    int inFlightLeft = rs.getInt("in_flight_left");
    if (!rs.wasNull()) {
      items = Math.min(items, Math.max(0, inFlightLeft));
    }
    double callsLeft = rs.getDouble("calls_left");
    if (!rs.wasNull()) {
      items = Math.min(items, (long) Math.floor(Math.max(0, callsLeft)));
    }
    long moneyLeft = rs.getLong("money_left");
    boolean budgeted = !rs.wasNull();
    if (items == Integer.MAX_VALUE && !budgeted) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new Allowance((int) items, budgeted ? new Money(moneyLeft) : Money.MAX));
  }

  private static void charge(Handle h, Candidates candidates, List<ClaimedItem> claimed) {
    if (claimed.isEmpty()) {
      return;
    }
    Map<BatchId, Integer> perBatch = new HashMap<>();
    claimed.forEach(c -> perBatch.merge(c.item().batchId(), 1, Integer::sum));
    List<FairShare.Charge> charges =
        FairShare.charge(candidates.owners, candidates.systemTime, candidates.batches, perBatch);
    List<UUID> batchIds = new ArrayList<>();
    List<Double> batchTimes = new ArrayList<>();
    charges.forEach(c ->
        c.batchTimes()
            .forEach((batch, time) -> {
              batchIds.add(batch.value());
              batchTimes.add(time);
            }));
    h.createUpdate(CHARGE)
        .bind(
            "owners",
            SqlArrays.of(UUID.class, charges.stream().map(c -> c.owner().value()).toList()))
        .bind(
            "virtualTimes",
            SqlArrays.of(Double.class, charges.stream().map(c -> c.clock().virtualTime()).toList()))
        .bind(
            "lastStarts",
            SqlArrays.of(Double.class, charges.stream().map(c -> c.clock().lastStart()).toList()))
        .bind(
            "batchClocks",
            SqlArrays.of(Double.class, charges.stream().map(c -> c.clock().batchClock()).toList()))
        .bind("batches", SqlArrays.of(UUID.class, batchIds))
        .bind("batchTimes", SqlArrays.of(Double.class, batchTimes))
        .execute();
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
    return tx.inTransaction(() ->
        tx.withHandle(
            h -> outcomes.apply(h, list, tx.atCommit(OwnerCharges.class, OwnerCharges::new))));
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
