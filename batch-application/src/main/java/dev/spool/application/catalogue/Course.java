package dev.spool.application.catalogue;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A course with its student learning outcomes and concepts, each in code order. */
public record Course(UUID id, String code, String title, List<Topic> slos, List<Topic> concepts) {
  public Course {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(title, "title");
    slos = List.copyOf(slos);
    concepts = List.copyOf(concepts);
  }

  public CourseSummary summary() {
    return new CourseSummary(id, code, title);
  }

  /** The topics of one kind. */
  public List<Topic> topics(TopicKind kind) {
    return switch (kind) {
      case SLO -> slos;
      case CONCEPT -> concepts;
    };
  }
}
