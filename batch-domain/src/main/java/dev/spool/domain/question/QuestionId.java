package dev.spool.domain.question;

import java.util.Objects;
import java.util.UUID;

/** Identifies one generated question. */
public record QuestionId(UUID value) {
  public QuestionId {
    Objects.requireNonNull(value, "value");
  }

  public static QuestionId of(UUID value) {
    return new QuestionId(value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
