package dev.spool.adapter.persistence;

import dev.spool.application.port.out.ItemOutcome;
import dev.spool.application.port.out.RecordResult;
import dev.spool.domain.batch.ItemCounts;
import dev.spool.domain.batch.ItemStatus;
import dev.spool.domain.batch.Settlement;
import dev.spool.domain.question.GeneratedQuestion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.Query;

/**
 * Writes a group of outcomes in one statement, whatever their number: it settles the items still
 * held under each outcome's lease, stores the questions of the completions among them, and moves
 * the batches' counters by what actually settled. What they cost their owners' months is returned,
 * not written: {@link OwnerCharges} writes it last in the transaction. Every value it writes
 * (status, attempts, error, retry time, count changes) is the settlement's, bound as given.
 */
final class OutcomeStatements {
  /**
   * Settles items, stores the questions of completed ones and counts them on their batches, in one
   * statement. A question's columns travel in its outcome's row (null for other outcomes), so the
   * insert needs no join back to them: joining a second unnest made PostgreSQL re-read it for every
   * row, quadratic in the group size. Questions and owner costs take their batch's owner and course
   * from the counted rows, one per batch, rather than looking up batch_jobs once per item.
   */
  private static final String RECORD =
      """
      WITH t AS (
        SELECT *, %s AS not_before, %s AS at
        FROM unnest(:ids, :tokens, :statuses, :attemptsAdded, :questionIds, :errorCodes,
            :errorMessages, :notBefores, :ats, :promptTokens, :completionTokens, :qTypes,
            :qDifficulties, :qStems, :qOptions, :qCorrects, :qExplanations, :qScopes,
            :qProviders, :qModels, :costs, :released)
          AS t(id, token, status, attempts_added, question_id, error_code, error_message,
               not_before_us, at_us, prompt_tokens, completion_tokens, q_type, q_difficulty,
               q_stem, q_options, q_correct, q_explanation, q_scope, q_provider, q_model, cost,
               released)),
      m AS (
        SELECT * FROM unnest(:mStatuses, :mEnds, :mCompleted, :mFailed, :mCancelled, :mInFlight)
          AS m(status, ends, completed_added, failed_added, cancelled_added, in_flight_added)),
      settled AS (
        UPDATE batch_items i SET
            status = t.status,
            attempts = i.attempts + t.attempts_added,
            question_id = coalesce(t.question_id, i.question_id),
            error_code = coalesce(t.error_code, i.error_code),
            error_message = coalesce(t.error_message, i.error_message),
            not_before = t.not_before,
            lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL,
            prompt_tokens = i.prompt_tokens + t.prompt_tokens,
            completion_tokens = i.completion_tokens + t.completion_tokens,
            cost_nanos = i.cost_nanos + t.cost, reserved_nanos = 0,
            updated_at = t.at,
            completed_at = CASE WHEN m.ends THEN t.at ELSE i.completed_at END
        FROM t JOIN m ON m.status = t.status
        WHERE i.id = t.id AND i.lease_token = t.token
        RETURNING i.id, t.token, i.batch_id, t.question_id, t.at, t.prompt_tokens, t.cost,
            t.released,
            t.completion_tokens, m.completed_added, m.failed_added, m.cancelled_added,
            m.in_flight_added, t.q_type, t.q_difficulty, t.q_stem, t.q_options, t.q_correct,
            t.q_explanation, t.q_scope, t.q_provider, t.q_model),
      counted AS (
        UPDATE batch_jobs b SET
            completed_items = b.completed_items + x.completed,
            failed_items = b.failed_items + x.failed,
            cancelled_items = b.cancelled_items + x.cancelled,
            in_flight = b.in_flight + x.in_flight,
            prompt_tokens = b.prompt_tokens + x.prompt_tokens,
            completion_tokens = b.completion_tokens + x.completion_tokens,
            spent_nanos = b.spent_nanos + x.cost,
            reserved_nanos = b.reserved_nanos - x.released,
            charged_calls = b.charged_calls + x.charged
        FROM (SELECT batch_id, sum(completed_added) AS completed, sum(failed_added) AS failed,
                sum(cancelled_added) AS cancelled, sum(in_flight_added) AS in_flight,
                sum(prompt_tokens) AS prompt_tokens, sum(completion_tokens) AS completion_tokens,
                sum(cost) AS cost, sum(released) AS released,
                count(*) FILTER (WHERE cost > 0) AS charged
              FROM settled GROUP BY batch_id) x
        WHERE b.id = x.batch_id
        RETURNING b.id, b.user_id, b.course_id),
      stored AS (
        INSERT INTO questions (id, batch_id, item_id, user_id, course_id, type, difficulty,
            stem, options, correct_option, explanation, scope, provider, model, prompt_tokens,
            completion_tokens, created_at)
        SELECT s.question_id, s.batch_id, s.id, b.user_id, b.course_id, s.q_type,
            s.q_difficulty, s.q_stem, CAST(s.q_options AS json), s.q_correct, s.q_explanation,
            CAST(s.q_scope AS json), s.q_provider, s.q_model, s.prompt_tokens,
            s.completion_tokens, s.at
        FROM settled s JOIN counted b ON b.id = s.batch_id
        WHERE s.question_id IS NOT NULL),
      owner_costs AS (
        SELECT b.user_id, sum(s.cost) AS cost
        FROM settled s JOIN counted b ON b.id = s.batch_id
        GROUP BY b.user_id)
      SELECT id, token, NULL::uuid AS owner, NULL::bigint AS cost FROM settled
      UNION ALL
      SELECT NULL, NULL, user_id, cost FROM owner_costs WHERE cost > 0\
      """
          .formatted(
              Timestamps.FROM_MICROS.formatted("t.not_before_us"),
              Timestamps.FROM_MICROS.formatted("t.at_us"));

  /**
   * The domain's rule for each status a settlement may reach, bound as a small table {@code m}:
   * whether the item's life ends there, and how its batch's counts change. Bound once per statement
   * rather than once per row: four count columns per outcome cost a write of 250 outcomes about a
   * millisecond.
   */
  private static final Map<String, Argument> TARGETS = targets();

  private static Map<String, Argument> targets() {
    List<String> statuses = new ArrayList<>();
    List<Boolean> ends = new ArrayList<>();
    List<Integer> completed = new ArrayList<>();
    List<Integer> failed = new ArrayList<>();
    List<Integer> cancelled = new ArrayList<>();
    List<Integer> inFlight = new ArrayList<>();
    for (ItemStatus status : Settlement.targets()) {
      ItemCounts.Change change = Settlement.counts(status);
      statuses.add(status.wireName());
      ends.add(Settlement.ends(status));
      completed.add(change.completed());
      failed.add(change.failed());
      cancelled.add(change.cancelled());
      inFlight.add(change.inFlight());
    }
    return Map.of(
        "mStatuses", SqlArrays.of(String.class, statuses),
        "mEnds", SqlArrays.of(Boolean.class, ends),
        "mCompleted", SqlArrays.of(Integer.class, completed),
        "mFailed", SqlArrays.of(Integer.class, failed),
        "mCancelled", SqlArrays.of(Integer.class, cancelled),
        "mInFlight", SqlArrays.of(Integer.class, inFlight));
  }

  private record Key(UUID item, UUID token) {}

  /**
   * Records {@code outcomes} and adds what they cost to {@code charges}, which the caller writes to
   * the owners' months at the end of its transaction.
   */
  List<RecordResult> apply(Handle h, List<ItemOutcome> outcomes, OwnerCharges charges) {
    Map<Key, ItemOutcome> unique = new LinkedHashMap<>();
    outcomes.forEach(o -> unique.putIfAbsent(key(o), o));
    Set<Key> applied = record(h, List.copyOf(unique.values()), charges);
    Set<Key> reported = new HashSet<>();
    List<RecordResult> results = new ArrayList<>(outcomes.size());
    for (ItemOutcome outcome : outcomes) {
      Key key = key(outcome);
      boolean first = unique.get(key) == outcome && reported.add(key);
      results.add(first && applied.contains(key) ? RecordResult.APPLIED : RecordResult.LEASE_LOST);
    }
    return results;
  }

  private static Key key(ItemOutcome o) {
    return new Key(o.lease().itemId().value(), o.lease().token());
  }

  /** A settled item (id and token), or what one owner's outcomes cost (owner and cost). */
  private record Returned(UUID id, UUID token, UUID owner, long cost) {}

  private static Set<Key> record(Handle h, List<ItemOutcome> outcomes, OwnerCharges charges) {
    Set<Key> applied = new HashSet<>();
    query(h, outcomes)
        .map((rs, ctx) ->
            new Returned(
                Rows.uuid(rs, "id"),
                Rows.uuid(rs, "token"),
                Rows.uuid(rs, "owner"),
                rs.getLong("cost")))
        .forEach(row -> {
          if (row.id() == null) {
            charges.add(row.owner(), row.cost());
          } else {
            applied.add(new Key(row.id(), row.token()));
          }
        });
    return applied;
  }

  private static Query query(Handle h, List<ItemOutcome> outcomes) {
    OutcomeColumns columns = new OutcomeColumns(outcomes);
    List<GeneratedQuestion> questions = new ArrayList<>(outcomes.size());
    for (ItemOutcome o : outcomes) {
      questions.add(o.question().orElse(null));
    }
    Query query =
        h.createQuery(RECORD)
            .bind("ids", SqlArrays.of(UUID.class, columns.ids))
            .bind("tokens", SqlArrays.of(UUID.class, columns.tokens))
            .bind("statuses", SqlArrays.of(String.class, columns.statuses))
            .bind("attemptsAdded", SqlArrays.of(Integer.class, columns.attemptsAdded))
            .bind("questionIds", SqlArrays.of(UUID.class, columns.questionIds))
            .bind("errorCodes", SqlArrays.of(String.class, columns.errorCodes))
            .bind("errorMessages", SqlArrays.of(String.class, columns.errorMessages))
            .bind("notBefores", SqlArrays.of(Long.class, columns.notBefores))
            .bind("ats", SqlArrays.of(Long.class, columns.ats))
            .bind("promptTokens", SqlArrays.of(Long.class, columns.promptTokens))
            .bind("completionTokens", SqlArrays.of(Long.class, columns.completionTokens))
            .bind("costs", SqlArrays.of(Long.class, money(outcomes, ItemOutcome::cost)))
            .bind("released", SqlArrays.of(Long.class, money(outcomes, ItemOutcome::released)));
    TARGETS.forEach(query::bind);
    bindText(query, "qTypes", questions, q -> q.type().wireName());
    bindText(query, "qDifficulties", questions, q -> q.difficulty().wireName());
    bindText(query, "qStems", questions, GeneratedQuestion::stem);
    Json.Texts texts = new Json.Texts();
    bindText(query, "qOptions", questions, q -> QuestionRows.options(texts, q.options()));
    bindText(query, "qCorrects", questions, GeneratedQuestion::correctLabel);
    bindText(query, "qExplanations", questions, GeneratedQuestion::explanation);
    bindText(query, "qScopes", questions, q -> ConfigCodec.scope(texts, q.scope()));
    bindText(query, "qProviders", questions, GeneratedQuestion::provider);
    bindText(query, "qModels", questions, GeneratedQuestion::model);
    return query;
  }

  private static List<Long> money(
      List<ItemOutcome> outcomes, Function<ItemOutcome, dev.spool.domain.money.Money> amount) {
    List<Long> nanos = new ArrayList<>(outcomes.size());
    for (ItemOutcome o : outcomes) {
      nanos.add(amount.apply(o).nanos());
    }
    return nanos;
  }

  private static void bindText(
      Query query,
      String name,
      List<GeneratedQuestion> questions,
      Function<GeneratedQuestion, String> field) {
    List<String> values = new ArrayList<>(questions.size());
    for (GeneratedQuestion question : questions) {
      values.add(question == null ? null : field.apply(question));
    }
    query.bind(name, SqlArrays.of(String.class, values));
  }
}
