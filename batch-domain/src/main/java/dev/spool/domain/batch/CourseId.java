package dev.spool.domain.batch;

import java.util.Objects;
import java.util.UUID;

/** Identifies the course a batch generates questions for; opaque to Spool. */
public record CourseId(UUID value) {
  public CourseId {
    Objects.requireNonNull(value, "value");
  }

  public static CourseId of(UUID value) {
    return new CourseId(value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
