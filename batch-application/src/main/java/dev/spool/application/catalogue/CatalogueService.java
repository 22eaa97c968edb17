package dev.spool.application.catalogue;

import dev.spool.application.port.in.Actor;
import dev.spool.application.port.out.Transactions;
import dev.spool.domain.batch.AccessDenied;
import dev.spool.domain.config.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** {@link Catalogue} over a catalogue port, and a store when Spool keeps the catalogue. */
final class CatalogueService implements Catalogue {
  static final int MAX_CODE = 64;
  static final int MAX_TITLE = 300;
  static final int MAX_QUERY = 200;

  private final CourseCatalogue courses;
  private final CatalogueStore store;
  private final Transactions tx;

  CatalogueService(CourseCatalogue courses, CatalogueStore store, Transactions tx) {
    this.courses = Objects.requireNonNull(courses, "courses");
    this.store = store;
    this.tx = tx;
  }

  @Override
  public List<CourseSummary> search(Actor actor, String query, int limit) {
    Objects.requireNonNull(actor, "actor");
    String q = query == null ? "" : query.strip();
    List<FieldError> errors = new ArrayList<>();
    if (limit < 1 || limit > MAX_SEARCH) {
      errors.add(FieldError.outOfRange("limit", 1, MAX_SEARCH));
    }
    if (q.length() > MAX_QUERY) {
      errors.add(FieldError.invalid("q", "the search may be at most " + MAX_QUERY + " characters"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidCatalogue(errors);
    }
    return courses.search(q, limit);
  }

  @Override
  public Course course(Actor actor, UUID courseId) {
    Objects.requireNonNull(actor, "actor");
    return courses.course(courseId).orElseThrow(() -> new CourseNotFound(courseId));
  }

  @Override
  public Map<UUID, String> titles(Set<UUID> courseIds) {
    return courseIds.isEmpty() ? Map.of() : courses.titles(courseIds);
  }

  @Override
  public boolean editable() {
    return store != null;
  }

  @Override
  public Course put(Actor actor, Course course) {
    CatalogueStore kept = admin(actor);
    List<FieldError> errors = new ArrayList<>();
    String code = text("code", course.code(), MAX_CODE, errors);
    String title = text("title", course.title(), MAX_TITLE, errors);
    Set<UUID> seen = new HashSet<>();
    seen.add(course.id());
    Map<TopicKind, List<Topic>> topics = new LinkedHashMap<>();
    for (TopicKind kind : TopicKind.values()) {
      String field = kind == TopicKind.SLO ? "slos" : "concepts";
      List<Topic> given = course.topics(kind);
      if (given.size() > MAX_TOPICS) {
        errors.add(
            FieldError.invalid(field, "a course may have at most " + MAX_TOPICS + " " + field));
        continue;
      }
      List<Topic> clean = new ArrayList<>();
      for (int i = 0; i < given.size(); i++) {
        Topic topic = given.get(i);
        String at = field + "[" + i + "]";
        if (!seen.add(topic.id())) {
          errors.add(FieldError.invalid(at + ".id", "id " + topic.id() + " appears twice"));
        }
        clean.add(
            new Topic(
                topic.id(),
                text(at + ".code", topic.code(), MAX_CODE, errors),
                text(at + ".title", topic.title(), MAX_TITLE, errors)));
      }
      topics.put(kind, clean);
    }
    if (!errors.isEmpty()) {
      throw new InvalidCatalogue(errors);
    }
    Course clean =
        new Course(
            course.id(), code, title, topics.get(TopicKind.SLO), topics.get(TopicKind.CONCEPT));
    tx.run(() -> {
      kept.saveCourse(clean.summary());
      for (TopicKind kind : TopicKind.values()) {
        kept.replaceTopics(clean.id(), kind, clean.topics(kind));
      }
    });
    return clean;
  }

  @Override
  public void delete(Actor actor, UUID courseId) {
    CatalogueStore kept = admin(actor);
    if (!tx.inTransaction(() -> kept.delete(courseId))) {
      throw new CourseNotFound(courseId);
    }
  }

  @Override
  public ImportSummary importRows(Actor actor, List<CatalogueRow> rows) {
    CatalogueStore kept = admin(actor);
    List<FieldError> errors = new ArrayList<>();
    if (rows.isEmpty()) {
      throw new InvalidCatalogue(List.of(FieldError.invalid("rows", "the import has no rows")));
    }
    if (rows.size() > MAX_IMPORT_ROWS) {
      throw new InvalidCatalogue(
          List.of(
              FieldError.invalid(
                  "rows", "an import may hold at most " + MAX_IMPORT_ROWS + " rows")));
    }
    List<CourseSummary> newCourses = new ArrayList<>();
    Set<UUID> coursesInFile = new HashSet<>();
    Set<UUID> ids = new HashSet<>();
    for (CatalogueRow row : rows) {
      if ("course".equalsIgnoreCase(row.kind().strip())) {
        String at = "lines[" + row.line() + "]";
        Optional<UUID> id = uuid(at + ".id", row.id(), errors);
        String code = text(at + ".code", row.code(), MAX_CODE, errors);
        String title = text(at + ".title", row.title(), MAX_TITLE, errors);
        if (!row.courseId().isBlank()) {
          errors.add(FieldError.invalid(at + ".course_id", "a course row has no course_id"));
        }
        id.ifPresent(value -> {
          if (!ids.add(value)) {
            errors.add(FieldError.invalid(at + ".id", "id " + value + " appears twice"));
          }
          coursesInFile.add(value);
          newCourses.add(new CourseSummary(value, code, title));
        });
      }
    }
    record Placed(UUID courseId, TopicKind kind, Topic topic) {}
    List<Placed> topics = new ArrayList<>();
    Set<UUID> unknownCourses = new HashSet<>();
    for (CatalogueRow row : rows) {
      String kindText = row.kind().strip();
      if (kindText.equalsIgnoreCase("course")) {
        continue;
      }
      String at = "lines[" + row.line() + "]";
      Optional<TopicKind> kind = TopicKind.fromWire(kindText);
      if (kind.isEmpty()) {
        errors.add(
            FieldError.invalid(
                at + ".kind",
                "kind must be course, slo or concept"
                    + (kindText.isEmpty() ? "" : ", not '" + shorten(kindText) + "'")));
        continue;
      }
      Optional<UUID> id = uuid(at + ".id", row.id(), errors);
      String code = text(at + ".code", row.code(), MAX_CODE, errors);
      String title = text(at + ".title", row.title(), MAX_TITLE, errors);
      Optional<UUID> course = uuid(at + ".course_id", row.courseId(), errors);
      if (id.isPresent() && !ids.add(id.get())) {
        errors.add(FieldError.invalid(at + ".id", "id " + id.get() + " appears twice"));
      }
      if (course.isPresent() && !coursesInFile.contains(course.get())) {
        unknownCourses.add(course.get());
      }
      if (id.isPresent() && course.isPresent()) {
        topics.add(new Placed(course.get(), kind.get(), new Topic(id.get(), code, title)));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidCatalogue(errors);
    }
    return tx.inTransaction(() -> {
      List<FieldError> missing = new ArrayList<>();
      for (CatalogueRow row : rows) {
        if (!row.kind().strip().equalsIgnoreCase("course")) {
          UUID course = UUID.fromString(row.courseId().strip());
          if (unknownCourses.contains(course) && !kept.exists(course)) {
            missing.add(
                FieldError.invalid(
                    "lines[" + row.line() + "].course_id",
                    "course " + course + " is neither in this file nor in the catalogue"));
          }
        }
      }
      if (!missing.isEmpty()) {
        throw new InvalidCatalogue(missing);
      }
      newCourses.forEach(kept::saveCourse);
      int slos = 0;
      for (Placed placed : topics) {
        kept.saveTopic(placed.courseId(), placed.kind(), placed.topic());
        slos += placed.kind() == TopicKind.SLO ? 1 : 0;
      }
      return new ImportSummary(newCourses.size(), slos, topics.size() - slos);
    });
  }

  private CatalogueStore admin(Actor actor) {
    if (!actor.hasRole(Actor.CATALOGUE_ADMIN)) {
      throw AccessDenied.missingRole(Actor.CATALOGUE_ADMIN);
    }
    if (store == null) {
      throw new CatalogueReadOnly();
    }
    return store;
  }

  private static Optional<UUID> uuid(String field, String text, List<FieldError> errors) {
    String value = text.strip();
    if (value.isEmpty()) {
      errors.add(FieldError.required(field));
      return Optional.empty();
    }
    try {
      UUID id = UUID.fromString(value);
      if (id.toString().equals(value.toLowerCase(Locale.ROOT))) {
        return Optional.of(id);
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    errors.add(FieldError.invalid(field, "'" + shorten(value) + "' is not a UUID"));
    return Optional.empty();
  }

  private static String text(String field, String text, int max, List<FieldError> errors) {
    // a cell of a spreadsheet may wrap: runs of white space, line breaks too, become one space
    String value = text == null ? "" : text.strip().replaceAll("\\s+", " ");
    if (value.isEmpty()) {
      errors.add(FieldError.required(field));
    } else if (value.length() > max) {
      errors.add(FieldError.invalid(field, field + " may be at most " + max + " characters"));
    } else if (value.chars().anyMatch(Character::isISOControl)) {
      errors.add(FieldError.invalid(field, field + " may not hold control characters"));
    }
    return value;
  }

  private static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
