package dev.spool.adapter.persistence;

/** SQL fragments several statements share. */
final class Sql {
  /** An item row {@code c} with the batch columns a claimed item needs, from batch {@code b}. */
  static final String CLAIMED_COLUMNS =
      """
      SELECT c.*, b.user_id AS batch_user_id, b.course_id AS batch_course_id,
          b.total_items AS batch_total_items, b.concurrency AS batch_concurrency,
          b.max_retries AS batch_max_retries\
      """;

  private Sql() {}
}
