package dev.spool.application.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.application.port.in.Actor;
import dev.spool.domain.batch.AccessDenied;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.config.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may read and change the catalogue, and what input it refuses before touching a store. */
class CatalogueTest {
  private static final Actor FACULTY =
      new Actor(new UserId(UUID.randomUUID()), Set.of(Actor.FACULTY));
  private static final Actor ADMIN =
      new Actor(new UserId(UUID.randomUUID()), Set.of(Actor.CATALOGUE_ADMIN));
  private static final Course BIO =
      new Course(
          UUID.randomUUID(),
          "BIO-101",
          "Biology",
          List.of(new Topic(UUID.randomUUID(), "SLO-1", "Cells")),
          List.of());

  /** An embedding service's own catalogue: one course, read-only. */
  private static final CourseCatalogue SUPPLIED =
      new CourseCatalogue() {
        @Override
        public List<CourseSummary> search(String query, int limit) {
          return List.of(BIO.summary());
        }

        @Override
        public Optional<Course> course(UUID id) {
          return id.equals(BIO.id()) ? Optional.of(BIO) : Optional.empty();
        }

        @Override
        public Map<UUID, String> titles(Set<UUID> courseIds) {
          return courseIds.contains(BIO.id()) ? Map.of(BIO.id(), BIO.title()) : Map.of();
        }
      };

  @Test
  void aSuppliedCatalogueIsReadByAnyoneSignedInButChangedByNobody() {
    Catalogue catalogue = Catalogue.readOnly(SUPPLIED);

    assertThat(catalogue.search(FACULTY, "bio", 10)).containsExactly(BIO.summary());
    assertThat(catalogue.course(FACULTY, BIO.id())).isEqualTo(BIO);
    assertThat(catalogue.editable()).isFalse();
    assertThatThrownBy(() -> catalogue.put(ADMIN, BIO)).isInstanceOf(CatalogueReadOnly.class);
    assertThatThrownBy(() -> catalogue.delete(ADMIN, BIO.id()))
        .isInstanceOf(CatalogueReadOnly.class);
  }

  @Test
  void anUnknownCourseIsNotFound() {
    UUID other = UUID.randomUUID();
    assertThatThrownBy(() -> Catalogue.readOnly(SUPPLIED).course(FACULTY, other))
        .isInstanceOf(CourseNotFound.class)
        .hasMessageContaining(other.toString());
  }

  @Test
  void onlyTheCatalogueAdministratorRoleChangesTheCatalogue() {
    Catalogue catalogue = Catalogue.readOnly(SUPPLIED);
    assertThatThrownBy(() -> catalogue.put(FACULTY, BIO))
        .isInstanceOf(AccessDenied.class)
        .hasMessageContaining(Actor.CATALOGUE_ADMIN);
    assertThatThrownBy(() ->
            catalogue.importRows(FACULTY, List.of(new CatalogueRow(2, "course", "", "", "", ""))))
        .isInstanceOf(AccessDenied.class);
  }

  @Test
  void aSearchLimitOutOfRangeOrAnOverlongQueryIsRefused() {
    Catalogue catalogue = Catalogue.readOnly(SUPPLIED);
    assertThatThrownBy(() -> catalogue.search(FACULTY, "", 0))
        .isInstanceOfSatisfying(
            InvalidCatalogue.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("limit"));
    assertThatThrownBy(() -> catalogue.search(FACULTY, "x".repeat(201), 10))
        .isInstanceOfSatisfying(
            InvalidCatalogue.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("q"));
  }
}
