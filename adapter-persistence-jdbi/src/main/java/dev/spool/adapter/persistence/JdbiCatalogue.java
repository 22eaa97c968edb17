package dev.spool.adapter.persistence;

import dev.spool.application.catalogue.CatalogueStore;
import dev.spool.application.catalogue.Course;
import dev.spool.application.catalogue.CourseSummary;
import dev.spool.application.catalogue.Topic;
import dev.spool.application.catalogue.TopicKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.statement.Query;

/**
 * {@link CatalogueStore} on catalogue_courses and catalogue_topics. Searches use LIKE with its
 * default escape, the backslash, so a query's own % and _ are taken literally.
 */
final class JdbiCatalogue implements CatalogueStore {
  private final JdbiTransactions tx;

  JdbiCatalogue(JdbiTransactions tx) {
    this.tx = tx;
  }

  @Override
  public List<CourseSummary> search(String query, int limit) {
    List<String> words =
        query.isBlank() ? List.of() : List.of(query.strip().toLowerCase(Locale.ROOT).split("\\s+"));
    StringBuilder sql =
        new StringBuilder("SELECT id, code, title FROM catalogue_courses WHERE true");
    for (int i = 0; i < words.size(); i++) {
      sql.append(" AND search_text LIKE :w").append(i);
    }
    sql.append(" ORDER BY (lower(code) LIKE :prefix) DESC, lower(code), id LIMIT :limit");
    return tx.withHandle(h -> {
      Query q = h.createQuery(sql.toString());
      for (int i = 0; i < words.size(); i++) {
        q.bind("w" + i, "%" + escape(words.get(i)) + "%");
      }
      return q.bind("prefix", escape(query.strip().toLowerCase(Locale.ROOT)) + "%")
          .bind("limit", limit)
          .map((rs, ctx) ->
              new CourseSummary(
                  rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("title")))
          .list();
    });
  }

  @Override
  public Optional<Course> course(UUID id) {
    return tx.withHandle(h ->
        h.createQuery("SELECT id, code, title FROM catalogue_courses WHERE id = :id")
            .bind("id", id)
            .map((rs, ctx) ->
                new CourseSummary(
                    rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("title")))
            .findOne()
            .map(course -> {
              Map<TopicKind, List<Topic>> topics = new HashMap<>();
              for (TopicKind kind : TopicKind.values()) {
                topics.put(kind, new ArrayList<>());
              }
              h.createQuery(
                      "SELECT id, kind, code, title FROM catalogue_topics WHERE course_id = :id"
                          + " ORDER BY kind, lower(code), id")
                  .bind("id", id)
                  .map((rs, ctx) -> {
                    topics
                        .get(TopicKind.fromWire(rs.getString("kind")).orElseThrow())
                        .add(
                            new Topic(
                                rs.getObject("id", UUID.class),
                                rs.getString("code"),
                                rs.getString("title")));
                    return 1;
                  })
                  .list();
              return new Course(
                  course.id(),
                  course.code(),
                  course.title(),
                  topics.get(TopicKind.SLO),
                  topics.get(TopicKind.CONCEPT));
            }));
  }

  @Override
  public Map<UUID, String> titles(Set<UUID> courseIds) {
    if (courseIds.isEmpty()) {
      return Map.of();
    }
    return tx.withHandle(h -> {
      Map<UUID, String> titles = new HashMap<>();
      h.createQuery("SELECT id, title FROM catalogue_courses WHERE id = ANY(:ids)")
          .bind("ids", courseIds.toArray(UUID[]::new))
          .map((rs, ctx) -> titles.put(rs.getObject("id", UUID.class), rs.getString("title")))
          .list();
      return titles;
    });
  }

  @Override
  public void saveCourse(CourseSummary course) {
    tx.withHandle(h ->
        h.createUpdate(
                "INSERT INTO catalogue_courses (id, code, title) VALUES (:id, :code, :title)"
                    + " ON CONFLICT (id) DO UPDATE SET code = excluded.code, title = excluded.title")
            .bind("id", course.id())
            .bind("code", course.code())
            .bind("title", course.title())
            .execute());
  }

  @Override
  public void saveTopic(UUID courseId, TopicKind kind, Topic topic) {
    tx.withHandle(h ->
        h.createUpdate(
                "INSERT INTO catalogue_topics (id, course_id, kind, code, title)"
                    + " VALUES (:id, :course, :kind, :code, :title)"
                    + " ON CONFLICT (id) DO UPDATE SET course_id = excluded.course_id,"
                    + " kind = excluded.kind, code = excluded.code, title = excluded.title")
            .bind("id", topic.id())
            .bind("course", courseId)
            .bind("kind", kind.wireName())
            .bind("code", topic.code())
            .bind("title", topic.title())
            .execute());
  }

  @Override
  public void replaceTopics(UUID courseId, TopicKind kind, List<Topic> topics) {
    tx.withHandle(h ->
        h.createUpdate(
                "DELETE FROM catalogue_topics WHERE course_id = :course AND kind = :kind"
                    + " AND NOT (id = ANY(:keep))")
            .bind("course", courseId)
            .bind("kind", kind.wireName())
            .bind("keep", topics.stream().map(Topic::id).toArray(UUID[]::new))
            .execute());
    topics.forEach(topic -> saveTopic(courseId, kind, topic));
  }

  @Override
  public boolean exists(UUID courseId) {
    return tx.withHandle(h ->
        h.createQuery("SELECT EXISTS (SELECT 1 FROM catalogue_courses WHERE id = :id)")
            .bind("id", courseId)
            .mapTo(Boolean.class)
            .one());
  }

  @Override
  public boolean delete(UUID courseId) {
    return tx.withHandle(h ->
        h.createUpdate("DELETE FROM catalogue_courses WHERE id = :id")
            .bind("id", courseId)
            .execute())
        > 0;
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
