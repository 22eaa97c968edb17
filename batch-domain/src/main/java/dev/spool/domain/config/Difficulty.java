package dev.spool.domain.config;

import java.util.Locale;

/** How hard a generated question should be. */
public enum Difficulty {
  EASY,
  MEDIUM,
  HARD;

  /** Computed once: it is written for every question a dispatcher stores. */
  private final String wireName = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wireName;
  }

  @Override
  public String toString() {
    return wireName();
  }
}
