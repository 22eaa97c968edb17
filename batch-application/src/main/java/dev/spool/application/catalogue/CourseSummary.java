package dev.spool.application.catalogue;

import java.util.Objects;
import java.util.UUID;

/**
 * A course as a search lists it.
 *
 * @param id what a batch's {@code courseId} refers to
 * @param code the institution's course code, such as {@code BIO-101}
 * @param title the course's name
 */
public record CourseSummary(UUID id, String code, String title) {
  public CourseSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(title, "title");
  }
}
