package dev.spool.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.application.catalogue.Catalogue;
import dev.spool.application.catalogue.CatalogueRow;
import dev.spool.application.catalogue.Course;
import dev.spool.application.catalogue.CourseNotFound;
import dev.spool.application.catalogue.CourseSummary;
import dev.spool.application.catalogue.ImportSummary;
import dev.spool.application.catalogue.InvalidCatalogue;
import dev.spool.application.catalogue.Topic;
import dev.spool.application.port.in.Actor;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.config.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The course catalogue on PostgreSQL: imports all or nothing, searches, and courses replaced. */
class CatalogueIT {
  private static final Actor ADMIN =
      new Actor(new UserId(UUID.randomUUID()), Set.of(Actor.CATALOGUE_ADMIN));
  private static PostgresStoreFixture fixture;
  private Catalogue catalogue;

  @BeforeAll
  static void open() {
    fixture = new PostgresStoreFixture();
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  @BeforeEach
  void empty() {
    fixture.database.truncate();
    catalogue = Catalogue.kept(fixture.store.catalogue(), fixture.store.transactions());
  }

  private static CatalogueRow row(
      int line, String kind, UUID id, String code, String title, UUID course) {
    return new CatalogueRow(
        line, kind, id.toString(), code, title, course == null ? "" : course.toString());
  }

  @Test
  void anImportStoresCoursesWithTheirOutcomesAndConceptsInCodeOrder() {
    UUID bio = UUID.randomUUID();
    UUID slo2 = UUID.randomUUID();
    UUID slo1 = UUID.randomUUID();
    UUID concept = UUID.randomUUID();
    ImportSummary summary =
        catalogue.importRows(
            ADMIN,
            List.of(
                row(2, "course", bio, "BIO-101", "Introduction to Biology", null),
                row(3, "slo", slo2, "SLO-2", "Explain osmosis", bio),
                row(4, "SLO", slo1, "SLO-1", "Describe the cell", bio),
                row(5, "concept", concept, "C-MEM", "Membranes", bio)));

    assertThat(summary).isEqualTo(new ImportSummary(1, 2, 1));
    Course course = catalogue.course(ADMIN, bio);
    assertThat(course.title()).isEqualTo("Introduction to Biology");
    assertThat(course.slos()).extracting(Topic::id).containsExactly(slo1, slo2);
    assertThat(course.concepts()).extracting(Topic::code).containsExactly("C-MEM");
    assertThat(catalogue.titles(Set.of(bio, UUID.randomUUID())))
        .isEqualTo(Map.of(bio, "Introduction to Biology"));
  }

  @Test
  void oneBadRowKeepsTheWholeImportOutAndEveryBadCellIsReportedByLine() {
    UUID course = UUID.randomUUID();
    assertThatThrownBy(() ->
            catalogue.importRows(
                ADMIN,
                List.of(
                    row(2, "course", course, "CHEM-1", "Chemistry", null),
                    new CatalogueRow(3, "slo", "not-a-uuid", "S1", "", course.toString()),
                    new CatalogueRow(4, "lesson", UUID.randomUUID().toString(), "L", "L", ""))))
        .isInstanceOfSatisfying(
            InvalidCatalogue.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly("lines[3].id", "lines[3].title", "lines[4].kind"));
    assertThat(catalogue.search(ADMIN, "", 10)).isEmpty();
  }

  @Test
  void aTopicMayJoinACourseStoredByAnEarlierImportButNotAnUnknownOne() {
    UUID course = UUID.randomUUID();
    catalogue.importRows(ADMIN, List.of(row(2, "course", course, "PHY-1", "Physics", null)));
    UUID unknown = UUID.randomUUID();

    assertThatThrownBy(() ->
            catalogue.importRows(
                ADMIN,
                List.of(
                    row(2, "concept", UUID.randomUUID(), "K1", "Kinematics", course),
                    row(3, "concept", UUID.randomUUID(), "K2", "Forces", unknown))))
        .isInstanceOfSatisfying(
            InvalidCatalogue.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly("lines[3].course_id"));
    assertThat(catalogue.course(ADMIN, course).concepts()).isEmpty();

    catalogue.importRows(
        ADMIN, List.of(row(2, "concept", UUID.randomUUID(), "K1", "Kinematics", course)));
    assertThat(catalogue.course(ADMIN, course).concepts())
        .extracting(Topic::title)
        .containsExactly("Kinematics");
  }

  @Test
  void searchMatchesEveryWordInCodeOrTitleWithCodePrefixesFirstAndLikeWildcardsTakenLiterally() {
    UUID math = UUID.randomUUID();
    UUID stats = UUID.randomUUID();
    UUID percent = UUID.randomUUID();
    catalogue.importRows(
        ADMIN,
        List.of(
            row(2, "course", math, "MATH-200", "Linear Algebra", null),
            row(3, "course", stats, "STAT-110", "Statistics for math majors", null),
            row(4, "course", percent, "FIN-100", "100% Finance", null)));

    assertThat(catalogue.search(ADMIN, "math", 10))
        .extracting(CourseSummary::id)
        .containsExactly(math, stats);
    assertThat(catalogue.search(ADMIN, "majors STAT", 10))
        .extracting(CourseSummary::id)
        .containsExactly(stats);
    assertThat(catalogue.search(ADMIN, "0%", 10))
        .extracting(CourseSummary::id)
        .containsExactly(percent);
    assertThat(catalogue.search(ADMIN, "_", 10)).isEmpty();
    assertThat(catalogue.search(ADMIN, "", 2)).hasSize(2);
  }

  @Test
  void putReplacesACoursesTopicsAndDeleteRemovesThemWithIt() {
    UUID id = UUID.randomUUID();
    Topic kept = new Topic(UUID.randomUUID(), "S1", "Kept");
    catalogue.put(
        ADMIN,
        new Course(
            id,
            "ART-1",
            "Art",
            List.of(kept, new Topic(UUID.randomUUID(), "S2", "Dropped")),
            List.of()));
    catalogue.put(
        ADMIN,
        new Course(
            id,
            "ART-1",
            "Art history",
            List.of(kept),
            List.of(new Topic(UUID.randomUUID(), "C", "Colour"))));

    Course course = catalogue.course(ADMIN, id);
    assertThat(course.title()).isEqualTo("Art history");
    assertThat(course.slos()).containsExactly(kept);
    assertThat(course.concepts()).hasSize(1);

    catalogue.delete(ADMIN, id);
    assertThatThrownBy(() -> catalogue.course(ADMIN, id)).isInstanceOf(CourseNotFound.class);
    assertThat(fixture.database.count("catalogue_topics")).isZero();
  }
}
