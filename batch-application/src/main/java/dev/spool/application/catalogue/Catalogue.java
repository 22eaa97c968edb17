package dev.spool.application.catalogue;

import dev.spool.application.port.in.Actor;
import dev.spool.application.port.out.Transactions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The course catalogue as callers use it: anyone signed in searches it and reads a course;
 * administrators ({@link Actor#CATALOGUE_ADMIN}) fill it, one course at a time or by importing
 * rows. Batches keep referring to courses, SLOs and concepts by id, whether or not the catalogue
 * knows them.
 */
public interface Catalogue {
  /** The most courses one search returns. */
  int MAX_SEARCH = 50;

  /** The most topics of one kind a course may have. */
  int MAX_TOPICS = 1_000;

  /** The most rows one import may hold. */
  int MAX_IMPORT_ROWS = 20_000;

  /** A catalogue over courses an embedding service supplies; it cannot be changed through Spool. */
  static Catalogue readOnly(CourseCatalogue courses) {
    return new CatalogueService(courses, null, null);
  }

  /** A catalogue Spool keeps in the store, changed in the store's transactions. */
  static Catalogue kept(CatalogueStore store, Transactions tx) {
    return new CatalogueService(store, store, tx);
  }

  /**
   * Courses matching the query (see {@link CourseCatalogue#search}).
   *
   * @param limit 1 to {@link #MAX_SEARCH}
   * @throws InvalidCatalogue for a limit out of range or a query over 200 characters
   */
  List<CourseSummary> search(Actor actor, String query, int limit);

  /**
   * The course with its SLOs and concepts.
   *
   * @throws CourseNotFound when the catalogue does not have it
   */
  Course course(Actor actor, UUID courseId);

  /** The titles of those of these courses the catalogue has, for showing batches. */
  Map<UUID, String> titles(Set<UUID> courseIds);

  /** Whether administrators can change this catalogue through Spool. */
  boolean editable();

  /**
   * Adds or replaces a course with exactly these SLOs and concepts.
   *
   * @throws dev.spool.domain.batch.AccessDenied without the administrator role
   * @throws InvalidCatalogue for a blank or overlong code or title, or a topic id repeated
   * @throws CatalogueReadOnly when the catalogue is supplied from outside
   */
  Course put(Actor actor, Course course);

  /**
   * Removes a course and its topics.
   *
   * @throws CourseNotFound when there is no such course
   */
  void delete(Actor actor, UUID courseId);

  /**
   * Adds or changes every course, SLO and concept the rows describe, all or nothing: one bad row
   * and nothing changes, and every bad row is reported with its line.
   *
   * @throws InvalidCatalogue with one error per bad cell, its field {@code lines[N].column}
   */
  ImportSummary importRows(Actor actor, List<CatalogueRow> rows);
}
