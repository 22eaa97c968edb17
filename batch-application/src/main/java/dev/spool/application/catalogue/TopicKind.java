package dev.spool.application.catalogue;

import java.util.Locale;
import java.util.Optional;

/** What a topic of a course is: a student learning outcome or a concept. */
public enum TopicKind {
  SLO,
  CONCEPT;

  /** The name in the API and in CSV files: {@code slo} or {@code concept}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind a wire name denotes, whatever its case. */
  public static Optional<TopicKind> fromWire(String name) {
    for (TopicKind kind : values()) {
      if (kind.wireName().equalsIgnoreCase(name.strip())) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
