package dev.spool.domain.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kind of question a batch generates. More kinds can be added without breaking callers. */
public enum QuestionType {
  SINGLE_BEST_ANSWER;

  /** Computed once: it is written for every question a dispatcher stores. */
  private final String wireName = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wireName;
  }

  public static Optional<QuestionType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return wireName();
  }
}
