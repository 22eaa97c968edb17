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

  /**
   * What the next attempt of batch {@code b} is expected to cost, in nano-dollars: the mean cost of
   * its charged attempts, or {@code :firstEstimate} before there is one (the domain's {@code
   * BatchSpend.estimate}).
   */
  static final String ESTIMATE =
      "CASE WHEN b.charged_calls > 0 THEN ceil(b.spent_nanos::numeric / b.charged_calls)::bigint"
          + " ELSE CAST(:firstEstimate AS bigint) END";

  /** The first day of the current calendar month in UTC: the key of an owner's monthly spend. */
  static final String THIS_MONTH = "date_trunc('month', now() AT TIME ZONE 'UTC')::date";

  private Sql() {}
}
