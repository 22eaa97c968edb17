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
    return read(rs, "");
  }

  /** A question whose columns are named with {@code prefix} before each, as in a join. */
  static StoredQuestion read(ResultSet rs, String prefix) throws SQLException {
    List<AnswerOption> options =
        Json.stream(Json.read(rs.getString(prefix + "options")))
            .map(o -> new AnswerOption(o.get("label").asText(), o.get("text").asText()))
            .toList();
    GeneratedQuestion question =
        new GeneratedQuestion(
            QuestionType.fromWireName(rs.getString(prefix + "type")).orElseThrow(),
            ConfigCodec.difficulty(rs.getString(prefix + "difficulty")),
            rs.getString(prefix + "stem"),
            options,
            rs.getString(prefix + "correct_option"),
            rs.getString(prefix + "explanation"),
            ConfigCodec.scope(Json.read(rs.getString(prefix + "scope"))),
            rs.getString(prefix + "provider"),
            rs.getString(prefix + "model"),
            new TokenUsage(
                rs.getLong(prefix + "prompt_tokens"), rs.getLong(prefix + "completion_tokens")));
    return new StoredQuestion(
        new QuestionId(Rows.uuid(rs, prefix + "id")),
        new BatchId(Rows.uuid(rs, prefix + "batch_id")),
        question);
  }
}
