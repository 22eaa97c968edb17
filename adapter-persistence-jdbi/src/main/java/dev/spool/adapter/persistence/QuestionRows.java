package dev.spool.adapter.persistence;

import dev.spool.application.model.StoredQuestion;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.config.QuestionType;
import dev.spool.domain.question.AnswerOption;
import dev.spool.domain.question.GeneratedQuestion;
import dev.spool.domain.question.QuestionId;
import dev.spool.domain.question.TokenUsage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Questions to and from rows. */
final class QuestionRows {
  private QuestionRows() {}

  /** The options as JSON text, written through {@code texts}. */
  static String options(Json.Texts texts, List<AnswerOption> options) {
    return texts.array(g -> {
      for (AnswerOption option : options) {
        g.writeStartObject();
        g.writeStringField("label", option.label());
        g.writeStringField("text", option.text());
        g.writeEndObject();
      }
    });
  }

  static StoredQuestion read(ResultSet rs) throws SQLException {
    List<AnswerOption> options =
        Json.stream(Json.read(rs.getString("options")))
            .map(o -> new AnswerOption(o.get("label").asText(), o.get("text").asText()))
            .toList();
    GeneratedQuestion question =
        new GeneratedQuestion(
            QuestionType.fromWireName(rs.getString("type")).orElseThrow(),
            ConfigCodec.difficulty(rs.getString("difficulty")),
            rs.getString("stem"),
            options,
            rs.getString("correct_option"),
            rs.getString("explanation"),
            ConfigCodec.scope(Json.read(rs.getString("scope"))),
            rs.getString("provider"),
            rs.getString("model"),
            new TokenUsage(rs.getLong("prompt_tokens"), rs.getLong("completion_tokens")));
    return new StoredQuestion(
        new QuestionId(Rows.uuid(rs, "id")), new BatchId(Rows.uuid(rs, "batch_id")), question);
  }
}
