package dev.spool.domain.question;

import java.util.Objects;

/** One labelled answer option, such as {@code A: Aspirin}. */
public record AnswerOption(String label, String text) {
  public AnswerOption {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(text, "text");
  }
}
