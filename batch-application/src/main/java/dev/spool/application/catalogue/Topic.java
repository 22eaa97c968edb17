package dev.spool.application.catalogue;

import java.util.Objects;
import java.util.UUID;

/**
 * One student learning outcome or concept of a course.
 *
 * @param id what a batch's scope refers to ({@code sloIds}, {@code conceptIds})
 * @param code the institution's short code, such as {@code SLO-3}
 * @param title what a person reads
 */
public record Topic(UUID id, String code, String title) {
  public Topic {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(title, "title");
  }
}
