package dev.spool.adapter.persistence;

import dev.spool.application.port.out.ItemOutcome;
import dev.spool.domain.question.GeneratedQuestion;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/** Inserts the questions of applied completions, all in one statement. */
final class QuestionInserter {
  private static final String INSERT =
      """
      INSERT INTO questions (id, batch_id, item_id, user_id, course_id, type, difficulty, stem,
          options, correct_option, explanation, scope, provider, model, prompt_tokens,
          completion_tokens, created_at)
      SELECT t.id, i.batch_id, t.item_id, b.user_id, b.course_id, t.type, t.difficulty, t.stem,
          CAST(t.options AS jsonb), t.correct, t.explanation, CAST(t.scope AS jsonb), t.provider,
          t.model, t.prompt_tokens, t.completion_tokens, CAST(t.at AS timestamptz)
      FROM unnest(:ids, :itemIds, :types, :difficulties, :stems, :options, :corrects,
          :explanations, :scopes, :providers, :models, :promptTokens, :completionTokens, :ats)
          AS t(id, item_id, type, difficulty, stem, options, correct, explanation, scope,
               provider, model, prompt_tokens, completion_tokens, at)
      JOIN batch_items i ON i.id = t.item_id
      JOIN batch_jobs b ON b.id = i.batch_id\
      """;

  void insert(Handle h, List<ItemOutcome.Completed> completions) {
    if (completions.isEmpty()) {
      return;
    }
    h.createUpdate(INSERT)
        .bindArray(
            "ids", UUID.class, completions.stream().map(c -> c.questionId().value()).toList())
        .bindArray(
            "itemIds",
            UUID.class,
            completions.stream().map(c -> c.lease().itemId().value()).toList())
        .bindArray("types", String.class, of(completions, q -> q.type().wireName()))
        .bindArray("difficulties", String.class, of(completions, q -> q.difficulty().wireName()))
        .bindArray("stems", String.class, of(completions, GeneratedQuestion::stem))
        .bindArray("options", String.class, of(completions, q -> QuestionRows.options(q.options())))
        .bindArray("corrects", String.class, of(completions, GeneratedQuestion::correctLabel))
        .bindArray("explanations", String.class, of(completions, GeneratedQuestion::explanation))
        .bindArray(
            "scopes", String.class, of(completions, q -> Json.write(ConfigCodec.scope(q.scope()))))
        .bindArray("providers", String.class, of(completions, GeneratedQuestion::provider))
        .bindArray("models", String.class, of(completions, GeneratedQuestion::model))
        .bindArray(
            "promptTokens",
            Long.class,
            completions.stream().map(c -> c.question().usage().promptTokens()).toList())
        .bindArray(
            "completionTokens",
            Long.class,
            completions.stream().map(c -> c.question().usage().completionTokens()).toList())
        .bindArray("ats", String.class, completions.stream().map(c -> c.at().toString()).toList())
        .execute();
  }

  private static List<String> of(
      List<ItemOutcome.Completed> completions, Function<GeneratedQuestion, String> field) {
    return completions.stream().map(c -> field.apply(c.question())).toList();
  }
}
