package dev.spool.application.catalogue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where courses are looked up: the port an embedding service implements to offer its own catalogue
 * (its registrar's, say) to pickers and batch views. Reads only; see {@link CatalogueStore} for one
 * Spool fills itself.
 */
public interface CourseCatalogue {

  /** A catalogue with no courses: pickers offer nothing and batches show no course title. */
  CourseCatalogue EMPTY =
      new CourseCatalogue() {
        @Override
        public List<CourseSummary> search(String query, int limit) {
          return List.of();
        }

        @Override
        public Optional<Course> course(UUID id) {
          return Optional.empty();
        }

        @Override
        public Map<UUID, String> titles(Set<UUID> courseIds) {
          return Map.of();
        }
      };

  /**
   * Courses whose code or title contains every word of the query, case-insensitively, codes that
   * start with the query first, then in code order.
   *
   * @param query words to look for; blank lists every course
   * @param limit the most courses to return, at least 1
   */
  List<CourseSummary> search(String query, int limit);

  /** The course with its SLOs and concepts, if the catalogue has it. */
  Optional<Course> course(UUID id);

  /** The titles of those of the courses the catalogue has. */
  Map<UUID, String> titles(Set<UUID> courseIds);
}
