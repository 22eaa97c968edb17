package dev.spool.adapter.persistence;

import dev.spool.application.port.out.ItemOutcome;
import dev.spool.application.port.out.RecordResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Writes a group of outcomes in three statements, whatever their number: the fenced item update,
 * the questions of the completions that applied, and the batches' counters.
 */
final class OutcomeStatements {
  private static final String SETTLE =
      """
      UPDATE batch_items i SET
          status = t.status,
          attempts = CASE WHEN t.kind = 'released' THEN i.attempts - 1 ELSE i.attempts END,
          question_id = coalesce(t.question_id, i.question_id),
          error_code = CASE t.kind WHEN 'retry' THEN t.error_code
              WHEN 'failed' THEN 'batch_item_failed' ELSE i.error_code END,
          error_message = CASE WHEN t.kind IN ('retry', 'failed') THEN t.error_message
              ELSE i.error_message END,
          not_before = t.not_before,
          lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL,
          prompt_tokens = i.prompt_tokens + t.prompt_tokens,
          completion_tokens = i.completion_tokens + t.completion_tokens,
          updated_at = t.at,
          completed_at = CASE WHEN t.status IN ('completed', 'failed', 'cancelled') THEN t.at
              ELSE i.completed_at END
      FROM unnest(:ids, :tokens, :kinds, :statuses, :questionIds, :errorCodes, :errorMessages,
          CAST(:notBefores AS timestamptz[]), CAST(:ats AS timestamptz[]), :promptTokens,
          :completionTokens)
          AS t(id, token, kind, status, question_id, error_code, error_message, not_before, at,
               prompt_tokens, completion_tokens)
      WHERE i.id = t.id AND i.status = 'in_progress' AND i.lease_token = t.token
      RETURNING i.id, t.token, i.batch_id, i.status\
      """;
  private static final String COUNT =
      """
      UPDATE batch_jobs b SET completed_items = b.completed_items + t.completed,
          failed_items = b.failed_items + t.failed,
          cancelled_items = b.cancelled_items + t.cancelled,
          in_flight = b.in_flight - t.settled,
          prompt_tokens = b.prompt_tokens + t.prompt_tokens,
          completion_tokens = b.completion_tokens + t.completion_tokens
      FROM unnest(:ids, :completed, :failed, :cancelled, :settled, :promptTokens,
          :completionTokens)
          AS t(id, completed, failed, cancelled, settled, prompt_tokens, completion_tokens)
      WHERE b.id = t.id\
      """;

  private final QuestionInserter questions = new QuestionInserter();

  private record Key(UUID item, UUID token) {}

  private record Applied(UUID batch, String status) {}

  List<RecordResult> apply(Handle h, List<ItemOutcome> outcomes) {
    Map<Key, ItemOutcome> unique = new LinkedHashMap<>();
    outcomes.forEach(o -> unique.putIfAbsent(key(o), o));
    Map<Key, Applied> applied = settle(h, List.copyOf(unique.values()));
    List<ItemOutcome.Completed> completions = new ArrayList<>();
    Map<UUID, long[]> deltas = new HashMap<>();
    Set<Key> counted = new HashSet<>();
    List<RecordResult> results = new ArrayList<>(outcomes.size());
    for (ItemOutcome outcome : outcomes) {
      Key key = key(outcome);
      Applied done = applied.get(key);
      if (done == null || unique.get(key) != outcome || !counted.add(key)) {
        results.add(RecordResult.LEASE_LOST);
        continue;
      }
      results.add(RecordResult.APPLIED);
      long[] delta = deltas.computeIfAbsent(done.batch(), b -> new long[6]);
      switch (done.status()) {
        case "completed" -> delta[0]++;
        case "failed" -> delta[1]++;
        case "cancelled" -> delta[2]++;
        default -> {}
      }
      delta[3]++;
      if (outcome instanceof ItemOutcome.Completed c) {
        completions.add(c);
        delta[4] += c.question().usage().promptTokens();
        delta[5] += c.question().usage().completionTokens();
      }
    }
    questions.insert(h, completions);
    count(h, deltas);
    return results;
  }

  private static Key key(ItemOutcome o) {
    return new Key(o.lease().itemId().value(), o.lease().token());
  }

  private static Map<Key, Applied> settle(Handle h, List<ItemOutcome> outcomes) {
    OutcomeColumns columns = new OutcomeColumns(outcomes);
    Map<Key, Applied> applied = new HashMap<>();
    h.createQuery(SETTLE)
        .bindArray("ids", UUID.class, columns.ids)
        .bindArray("tokens", UUID.class, columns.tokens)
        .bindArray("kinds", String.class, columns.kinds)
        .bindArray("statuses", String.class, columns.statuses)
        .bindArray("questionIds", UUID.class, columns.questionIds)
        .bindArray("errorCodes", String.class, columns.errorCodes)
        .bindArray("errorMessages", String.class, columns.errorMessages)
        .bindArray("notBefores", String.class, columns.notBefores)
        .bindArray("ats", String.class, columns.ats)
        .bindArray("promptTokens", Long.class, columns.promptTokens)
        .bindArray("completionTokens", Long.class, columns.completionTokens)
        .map((rs, ctx) ->
            Map.entry(
                new Key(Rows.uuid(rs, "id"), Rows.uuid(rs, "token")),
                new Applied(Rows.uuid(rs, "batch_id"), rs.getString("status"))))
        .forEach(e -> applied.put(e.getKey(), e.getValue()));
    return applied;
  }

  private static void count(Handle h, Map<UUID, long[]> deltas) {
    if (deltas.isEmpty()) {
      return;
    }
    List<UUID> ids = List.copyOf(deltas.keySet());
    h.createUpdate(COUNT)
        .bindArray("ids", UUID.class, ids)
        .bindArray("completed", Integer.class, column(ids, deltas, 0))
        .bindArray("failed", Integer.class, column(ids, deltas, 1))
        .bindArray("cancelled", Integer.class, column(ids, deltas, 2))
        .bindArray("settled", Integer.class, column(ids, deltas, 3))
        .bindArray("promptTokens", Long.class, ids.stream().map(id -> deltas.get(id)[4]).toList())
        .bindArray(
            "completionTokens", Long.class, ids.stream().map(id -> deltas.get(id)[5]).toList())
        .execute();
  }

  private static List<Integer> column(List<UUID> ids, Map<UUID, long[]> deltas, int index) {
    return ids.stream().map(id -> (int) deltas.get(id)[index]).toList();
  }

  static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
