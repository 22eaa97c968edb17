package dev.spool.adapter.persistence;

import dev.spool.application.model.Page;
import dev.spool.application.model.PageRequest;
import dev.spool.application.port.out.BatchStore;
import dev.spool.application.port.out.CreateResult;
import dev.spool.domain.batch.AdaptiveConcurrency;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.PauseReason;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.money.Money;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@link BatchStore} on batch_jobs; items go in with their batch in one transaction. */
final class JdbiBatchStore implements BatchStore {
  private static final String INSERT =
      """
      INSERT INTO batch_jobs (id, user_id, course_id, name, config, config_digest, status,
          total_items, concurrency, effective_concurrency, max_retries, idempotency_key,
          created_at, started_at, budget_nanos)
      VALUES (:id, :user, :course, :name, CAST(:config AS jsonb), :digest, :status, :total,
          :concurrency, :effective, :maxRetries, :key, :createdAt, :startedAt, :budget)
      ON CONFLICT (user_id, idempotency_key) DO NOTHING\
      """;

  /** Every owner has a fair-share row before its first batch can be claimed. */
  private static final String OWNER =
      "INSERT INTO owner_shares (user_id) VALUES (:user) ON CONFLICT (user_id) DO NOTHING";

  private static final String UPDATE =
      """
      UPDATE batch_jobs SET status = :status, started_at = :startedAt, paused_at = :pausedAt,
          completed_at = :completedAt, failure_reason = :reason, pause_reason = :pauseReason,
          budget_nanos = :budget, version = version + 1
      WHERE id = :id AND version = :version AND deleted_at IS NULL
      RETURNING *\
      """;

  private final JdbiTransactions tx;
  private final ItemInserter items = new ItemInserter();

  JdbiBatchStore(JdbiTransactions tx) {
    this.tx = tx;
  }

  @Override
  public CreateResult create(Batch batch, List<BatchItem> batchItems) {
    String digest = ConfigDigest.of(ConfigCodec.writeFull(batch.config()));
    return tx.inTransaction(() ->
        tx.withHandle(h -> {
          h.createUpdate(OWNER).bind("user", batch.ownerId().value()).execute();
          int inserted =
              h.createUpdate(INSERT)
                  .bind("id", batch.id().value())
                  .bind("user", batch.ownerId().value())
                  .bind("course", batch.courseId().value())
                  .bind("name", batch.name().orElse(null))
                  .bind("config", ConfigCodec.write(batch.config()))
                  .bind("digest", digest)
                  .bind("status", batch.status().wireName())
                  .bind("total", batch.counts().total())
                  .bind("concurrency", batch.config().execution().concurrency())
                  .bind("effective", batch.concurrency().effective())
                  .bind("maxRetries", batch.config().execution().maxRetries())
                  .bind("key", batch.idempotencyKey().orElse(null))
                  .bind("createdAt", Rows.timestamp(batch.times().createdAt()))
                  .bind("startedAt", Rows.timestamp(batch.times().startedAt()))
                  .bind("budget", budget(batch))
                  .execute();
          if (inserted == 0) {
            return byKey(h, batch, digest);
          }
          items.insert(h, batchItems);
          return new CreateResult.Created(batch);
        }));
  }

  private static CreateResult.Existing byKey(Handle h, Batch batch, String digest) {
    return h.createQuery(
            "SELECT * FROM batch_jobs WHERE user_id = :user AND idempotency_key = :key"
                + " AND deleted_at IS NULL")
        .bind("user", batch.ownerId().value())
        .bind("key", batch.idempotencyKey().orElseThrow())
        .map((rs, ctx) -> {
          Batch existing = Rows.batch(rs);
          String stored = rs.getString("config_digest");
          boolean same =
              stored == null // created before digests: matched on the summary it keeps
                  ? existing.config().equals(batch.config().summary())
                  : digest.equals(stored);
          return new CreateResult.Existing(existing, same);
        })
        .one();
  }

  @Override
  public Optional<Batch> find(BatchId id) {
    return select(id, "");
  }

  @Override
  public Optional<Batch> lock(BatchId id) {
    return select(id, " FOR UPDATE");
  }

  private Optional<Batch> select(BatchId id, String suffix) {
    return tx.withHandle(h ->
        h.createQuery("SELECT * FROM batch_jobs WHERE id = :id AND deleted_at IS NULL" + suffix)
            .bind("id", id.value())
            .map((rs, ctx) -> Rows.batch(rs))
            .findOne());
  }

  @Override
  public Page<Batch> list(UserId owner, Optional<BatchStatus> status, PageRequest page) {
    Optional<Cursors.BatchKey> after = page.cursor().map(Cursors::batch);
    String sql =
        "SELECT * FROM batch_jobs WHERE user_id = :user AND deleted_at IS NULL"
            + status.map(s -> " AND status = :status").orElse("")
            + after.map(a -> " AND (created_at, id) < (:afterAt, :afterId)").orElse("")
            + " ORDER BY created_at DESC, id DESC LIMIT :limit";
    List<Batch> rows =
        tx.withHandle(h -> {
          var query =
              h.createQuery(sql).bind("user", owner.value()).bind("limit", page.limit() + 1);
          status.ifPresent(s -> query.bind("status", s.wireName()));
          after.ifPresent(
              a -> query.bind("afterAt", Rows.timestamp(a.createdAt())).bind("afterId", a.id()));
          return query.map((rs, ctx) -> Rows.batch(rs)).list();
        });
    return Pages.of(rows, page.limit(), b -> Cursors.batch(b.times().createdAt(), b.id().value()));
  }

  @Override
  public Optional<Batch> update(Batch batch) {
    return tx.withHandle(h ->
        h.createQuery(UPDATE)
            .bind("status", batch.status().wireName())
            .bind("startedAt", Rows.timestamp(batch.times().startedAt()))
            .bind("pausedAt", Rows.timestamp(batch.times().pausedAt()))
            .bind("completedAt", Rows.timestamp(batch.times().completedAt()))
            .bind("reason", batch.failureReason().orElse(null))
            .bind("pauseReason", batch.pauseReason().map(PauseReason::wireName).orElse(null))
            .bind("budget", budget(batch))
            .bind("id", batch.id().value())
            .bind("version", batch.version())
            .map((rs, ctx) -> Rows.batch(rs))
            .findOne());
  }

  @Override
  public void adapt(BatchId id, AdaptiveConcurrency concurrency) {
    tx.withHandle(h ->
        h.createUpdate(
                """
                UPDATE batch_jobs SET effective_concurrency = :effective, success_streak = :streak
                WHERE id = :id\
                """)
            .bind("effective", concurrency.effective())
            .bind("streak", concurrency.successes())
            .bind("id", id.value())
            .execute());
  }

  @Override
  public long pendingItems() {
    return tx.withHandle(h ->
        h.createQuery(
                "SELECT coalesce(sum(total_items - completed_items - failed_items"
                    + " - cancelled_items - in_flight), 0) FROM batch_jobs WHERE status = 'running'")
            .mapTo(Long.class)
            .one());
  }

  @Override
  public ConcurrencyTotals runningConcurrency() {
    return tx.withHandle(h ->
        h.createQuery(
                "SELECT coalesce(sum(concurrency), 0) AS configured,"
                    + " coalesce(sum(effective_concurrency), 0) AS effective"
                    + " FROM batch_jobs WHERE status = 'running'")
            .map((rs, ctx) ->
                new ConcurrencyTotals(rs.getLong("configured"), rs.getLong("effective")))
            .one());
  }

  /**
   * Marks a batch deleted: it is gone from every read at once, and {@link #purgeDeleted} removes
   * its rows later, a chunk at a time (no foreign key cascades to them; see migrations V4 and V15).
   */
  @Override
  public void delete(BatchId id) {
    tx.withHandle(h ->
        h.createUpdate(
                "UPDATE batch_jobs SET deleted_at = now(), idempotency_key = NULL"
                    + " WHERE id = :id AND deleted_at IS NULL")
            .bind("id", id.value())
            .execute());
  }

  @Override
  public int purgeDeleted(int maxRows) {
    return tx.inTransaction(() -> tx.withHandle(h -> DeletedBatches.purgeOne(h, maxRows)));
  }

  private static Long budget(Batch batch) {
    return batch.spend().budget().map(Money::nanos).orElse(null);
  }
}
