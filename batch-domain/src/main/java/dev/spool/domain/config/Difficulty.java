package dev.spool.domain.config;

import java.util.Locale;

/** How hard a generated question should be. */
public enum Difficulty {
  EASY,
  MEDIUM,
  HARD;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return wireName();
  }
}
