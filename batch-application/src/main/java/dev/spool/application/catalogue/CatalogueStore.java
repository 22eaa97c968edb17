package dev.spool.application.catalogue;

import java.util.List;
import java.util.UUID;

/**
 * A catalogue Spool keeps itself, filled by administrators. Every method runs in the caller's
 * transaction ({@link dev.spool.application.port.out.Transactions}).
 */
public interface CatalogueStore extends CourseCatalogue {

  /** Adds the course, or changes its code and title; its topics stay. */
  void saveCourse(CourseSummary course);

  /**
   * Adds the topic to the course, or changes it; a topic with this id under another course or kind
   * moves here.
   */
  void saveTopic(UUID courseId, TopicKind kind, Topic topic);

  /** Makes the course's topics of this kind exactly these. */
  void replaceTopics(UUID courseId, TopicKind kind, List<Topic> topics);

  /** Whether the course exists. */
  boolean exists(UUID courseId);

  /**
   * Removes the course and its topics; batches that refer to it keep their ids.
   *
   * @return whether there was such a course
   */
  boolean delete(UUID courseId);
}
