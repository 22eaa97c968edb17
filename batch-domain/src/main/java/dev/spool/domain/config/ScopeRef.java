package dev.spool.domain.config;

import java.util.Objects;
import java.util.UUID;

/** One learning objective (SLO) or concept a question should cover. */
public record ScopeRef(Kind kind, UUID id) {
  /** What the id names. */
  public enum Kind {
    SLO,
    CONCEPT
  }

  public ScopeRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
  }
}
