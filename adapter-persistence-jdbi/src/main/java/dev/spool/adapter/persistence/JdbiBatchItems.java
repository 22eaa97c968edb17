package dev.spool.adapter.persistence;

import dev.spool.application.model.Page;
import dev.spool.application.model.PageRequest;
import dev.spool.application.model.ResultRow;
import dev.spool.application.model.StoredQuestion;
import dev.spool.application.port.out.BatchItems;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.ItemCounts;
import dev.spool.domain.batch.ItemMove;
import dev.spool.domain.batch.ItemStatus;
import dev.spool.domain.event.StemPreview;
import dev.spool.domain.money.Money;
import dev.spool.domain.question.QuestionId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** {@link BatchItems} on batch_items and questions. */
final class JdbiBatchItems implements BatchItems {
  /**
   * Moves up to {@code :max} items of one batch, lowest positions first, by an {@link ItemMove} the
   * domain defines, and changes the batch's counts by the move's change per item. The source status
   * is a literal, so a generic plan can use its partial index; the rest is bound.
   */
  private static final String MOVE =
      """
      WITH moved AS (
        UPDATE batch_items SET status = :to,
            attempts = attempts * :attemptsKept + :attemptsAdded, round = round + :roundAdded,
            not_before = NULL, updated_at = :at,
            completed_at = CASE WHEN :finishes THEN CAST(:at AS timestamptz) END
        WHERE id IN (
            SELECT id FROM batch_items WHERE batch_id = :batch AND status = '%s'
            ORDER BY position LIMIT :max)
        RETURNING 1),
      n AS (SELECT count(*) AS moved FROM moved)
      UPDATE batch_jobs SET completed_items = completed_items + n.moved * :completed,
          failed_items = failed_items + n.moved * :failed,
          cancelled_items = cancelled_items + n.moved * :cancelled,
          in_flight = in_flight + n.moved * :inFlight
      FROM n
      WHERE id = :batch
      RETURNING n.moved\
      """;

  private final JdbiTransactions tx;

  JdbiBatchItems(JdbiTransactions tx) {
    this.tx = tx;
  }

  @Override
  public Page<BatchItem> list(BatchId batch, Optional<ItemStatus> status, PageRequest page) {
    Optional<Integer> after = page.cursor().map(Cursors::item);
    // the status is a literal, not a parameter: a generic plan can then use its partial index
    String sql =
        "SELECT * FROM batch_items WHERE batch_id = :batch"
            + status.map(s -> " AND status = '" + s.wireName() + "'").orElse("")
            + after.map(a -> " AND position > :after").orElse("")
            + " ORDER BY position LIMIT :limit";
    List<BatchItem> rows =
        tx.inOrderedScans(h -> {
          var query =
              h.createQuery(sql).bind("batch", batch.value()).bind("limit", page.limit() + 1);
          after.ifPresent(a -> query.bind("after", a));
          return query.map(Rows.items()).list();
        });
    return Pages.of(rows, page.limit(), i -> Cursors.item(i.position()));
  }

  @Override
  public int cancelPending(BatchId batch, Instant now, int max) {
    return move(ItemMove.CANCEL_PENDING, batch, now, max);
  }

  private int move(ItemMove move, BatchId batch, Instant now, int max) {
    ItemCounts.Change change = move.perItem();
    return tx.withHandle(h ->
        h.createQuery(MOVE.formatted(move.from().wireName()))
            .bind("batch", batch.value())
            .bind("at", Rows.timestamp(now))
            .bind("max", max)
            .bind("to", move.to().wireName())
            .bind("attemptsKept", move.attemptsKept())
            .bind("attemptsAdded", move.attemptsAdded())
            .bind("roundAdded", move.roundAdded())
            .bind("finishes", move.finishes())
            .bind("completed", change.completed())
            .bind("failed", change.failed())
            .bind("cancelled", change.cancelled())
            .bind("inFlight", change.inFlight())
            .mapTo(Integer.class)
            .findOne()
            .orElse(0));
  }

  /**
   * Served by the partial index idx_batch_jobs_cancelling (V8), whose predicate it repeats. The
   * order is the index's: without it, the planner guesses a third of the cancelled batches match
   * and reads them all from the table, expecting to meet enough at once.
   */
  static final String CANCELLED_WITH_PENDING =
      """
      SELECT id FROM batch_jobs
      WHERE status = 'cancelled' AND deleted_at IS NULL
        AND total_items > completed_items + failed_items + cancelled_items + in_flight
      ORDER BY id LIMIT :max\
      """;

  @Override
  public List<BatchId> cancelledWithPendingItems(int max) {
    return tx.withHandle(h ->
        h.createQuery(CANCELLED_WITH_PENDING)
            .bind("max", max)
            .mapTo(java.util.UUID.class)
            .map(BatchId::new)
            .list());
  }

  @Override
  public int resetFailed(BatchId batch, Instant now) {
    return move(ItemMove.RETRY_FAILED, batch, now, Integer.MAX_VALUE);
  }

  /**
   * A batch's latest completion times are its questions' (each completion writes one, at its time),
   * read newest first through the questions' index by batch and time: that index is in the order
   * the read wants, so even statistics that do not know the batch leave the planner no sort to
   * prefer, and the read runs without {@link JdbiTransactions#withOrderedScans}' two extra
   * statements, which every outcome write's progress event paid (ClaimPlanIT).
   */
  @Override
  public Map<BatchId, List<Instant>> recentCompletions(Collection<BatchId> batches, int limit) {
    Map<BatchId, List<Instant>> recent = new HashMap<>();
    batches.forEach(b -> recent.put(b, new ArrayList<>()));
    if (batches.isEmpty()) {
      return recent;
    }
    tx.withHandle(h ->
        h.createQuery(
                """
                SELECT b.id, c.completed_at FROM unnest(:batches) AS b(id)
                CROSS JOIN LATERAL (
                    SELECT created_at AS completed_at FROM questions
                    WHERE batch_id = b.id
                    ORDER BY created_at DESC LIMIT :limit) c
                ORDER BY b.id, c.completed_at DESC\
                """)
            .bind(
                "batches", SqlArrays.of(UUID.class, batches.stream().map(BatchId::value).toList()))
            .bind("limit", limit)
            .map((rs, ctx) -> {
              recent
                  .get(new BatchId(rs.getObject("id", UUID.class)))
                  .add(Rows.instant(rs, "completed_at"));
              return null;
            })
            .list());
    return recent;
  }

  @Override
  public List<Instant> recentCompletions(BatchId batch, int limit) {
    return tx.withHandle(h ->
        h.createQuery(
                """
                SELECT created_at AS completed_at FROM questions
                WHERE batch_id = :batch
                ORDER BY created_at DESC LIMIT :limit\
                """)
            .bind("batch", batch.value())
            .bind("limit", limit)
            .map((rs, ctx) -> Rows.instant(rs, "completed_at"))
            .list());
  }

  @Override
  public Map<QuestionId, String> stemPreviews(BatchId batch, Set<QuestionId> questions) {
    return tx.withHandle(h -> {
      Map<QuestionId, String> previews = new HashMap<>();
      h.createQuery("SELECT id, stem FROM questions WHERE batch_id = :batch AND id = ANY(:ids)")
          .bind("batch", batch.value())
          .bind("ids", questions.stream().map(QuestionId::value).toArray(UUID[]::new))
          .map((rs, ctx) ->
              previews.put(
                  new QuestionId(rs.getObject("id", UUID.class)),
                  StemPreview.of(rs.getString("stem"))))
          .list();
      return previews;
    });
  }

  @Override
  public Optional<StoredQuestion> question(QuestionId id) {
    return tx.withHandle(h ->
        h.createQuery("SELECT * FROM questions WHERE id = :id")
            .bind("id", id.value())
            .map((rs, ctx) -> QuestionRows.read(rs))
            .findOne());
  }

  /**
   * A page of results by item index, through the unique index on (batch, position); questions
   * joined by their primary key.
   */
  private static final String RESULTS =
      """
      SELECT i.*, q.id AS q_id, q.batch_id AS q_batch_id, q.type AS q_type,
          q.difficulty AS q_difficulty, q.stem AS q_stem, q.options AS q_options,
          q.correct_option AS q_correct_option, q.explanation AS q_explanation,
          q.scope AS q_scope, q.provider AS q_provider, q.model AS q_model,
          q.prompt_tokens AS q_prompt_tokens, q.completion_tokens AS q_completion_tokens
      FROM batch_items i LEFT JOIN questions q ON q.id = i.question_id
      WHERE i.batch_id = :batch AND i.position > :after
        AND (i.status = 'completed' OR (:failed AND i.status = 'failed'))
      ORDER BY i.position
      LIMIT :limit\
      """;

  @Override
  public List<ResultRow> results(BatchId batch, boolean includeFailed, int afterIndex, int limit) {
    return tx.withHandle(h -> {
      var items = Rows.items();
      return h.createQuery(RESULTS)
          .bind("batch", batch.value())
          .bind("after", afterIndex)
          .bind("failed", includeFailed)
          .bind("limit", limit)
          .map((rs, ctx) -> {
            BatchItem item = items.map(rs, ctx);
            rs.getObject("q_id");
            Optional<StoredQuestion> question =
                rs.wasNull() ? Optional.empty() : Optional.of(QuestionRows.read(rs, "q_"));
            return new ResultRow(
                item,
                question,
                new Money(rs.getLong("cost_nanos")),
                Rows.optionalInstant(rs, "started_at"),
                Rows.optionalInstant(rs, "completed_at"));
          })
          .list();
    });
  }
}
