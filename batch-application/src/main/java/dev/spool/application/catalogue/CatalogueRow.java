package dev.spool.application.catalogue;

import java.util.Objects;

/**
 * One row of a catalogue import, as read from a file: every cell as text, checked on import.
 *
 * @param line where the row stands in its file, for error messages
 * @param kind {@code course}, {@code slo} or {@code concept}
 * @param id the course's or topic's UUID
 * @param code its short code
 * @param title its name
 * @param courseId for an SLO or concept, the UUID of its course (in this import or already stored);
 *     empty for a course
 */
public record CatalogueRow(
    int line, String kind, String id, String code, String title, String courseId) {
  public CatalogueRow {
    kind = Objects.requireNonNullElse(kind, "");
    id = Objects.requireNonNullElse(id, "");
    code = Objects.requireNonNullElse(code, "");
    title = Objects.requireNonNullElse(title, "");
    courseId = Objects.requireNonNullElse(courseId, "");
  }
}
