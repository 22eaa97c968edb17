package dev.spool.application.catalogue;

import dev.spool.domain.SpoolException;
import java.util.UUID;

/** The catalogue has no such course. */
public final class CourseNotFound extends SpoolException {
  public CourseNotFound(UUID courseId) {
    super("NOT_FOUND", "course " + courseId + " is not in the catalogue");
  }
}
