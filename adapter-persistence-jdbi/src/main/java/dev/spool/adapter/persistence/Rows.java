package dev.spool.adapter.persistence;

import dev.spool.application.port.out.ClaimedItem;
import dev.spool.domain.batch.AdaptiveConcurrency;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.BatchTimes;
import dev.spool.domain.batch.CourseId;
import dev.spool.domain.batch.ItemCounts;
import dev.spool.domain.batch.ItemError;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.batch.ItemStatus;
import dev.spool.domain.batch.Lease;
import dev.spool.domain.batch.PauseReason;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.config.ExecutionSettings;
import dev.spool.domain.config.ItemSpec;
import dev.spool.domain.money.BatchSpend;
import dev.spool.domain.money.Money;
import dev.spool.domain.question.QuestionId;
import dev.spool.domain.question.TokenUsage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.mapper.RowMapper;

/** Rows to domain values. Mapping stays here, inside the adapter. */
final class Rows {
  private Rows() {}

  static Batch batch(ResultSet rs) throws SQLException {
    var counts =
        new ItemCounts(
            rs.getInt("total_items"),
            rs.getInt("completed_items"),
            rs.getInt("failed_items"),
            rs.getInt("cancelled_items"),
            rs.getInt("in_flight"));
    var times =
        new BatchTimes(
            instant(rs, "created_at"),
            optionalInstant(rs, "started_at"),
            optionalInstant(rs, "paused_at"),
            optionalInstant(rs, "completed_at"));
    return new Batch(
        new BatchId(uuid(rs, "id")),
        new UserId(uuid(rs, "user_id")),
        new CourseId(uuid(rs, "course_id")),
        Optional.ofNullable(rs.getString("name")),
        ConfigCodec.readConfig(rs.getString("config")),
        batchStatus(rs.getString("status")),
        counts,
        new TokenUsage(rs.getLong("prompt_tokens"), rs.getLong("completion_tokens")),
        new AdaptiveConcurrency(
            rs.getInt("concurrency"),
            rs.getInt("effective_concurrency"),
            rs.getInt("success_streak")),
        Optional.ofNullable(rs.getString("failure_reason")),
        Optional.ofNullable(rs.getString("idempotency_key")),
        times,
        rs.getLong("version"),
        new BatchSpend(
            optionalMoney(rs, "budget_nanos"),
            new Money(rs.getLong("spent_nanos")),
            new Money(rs.getLong("reserved_nanos")),
            rs.getLong("charged_calls")),
        Optional.ofNullable(rs.getString("pause_reason"))
            .map(r -> PauseReason.fromWireName(r).orElseThrow()));
  }

  static Optional<Money> optionalMoney(ResultSet rs, String column) throws SQLException {
    long nanos = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(new Money(nanos));
  }

  /** A mapper of item rows; see {@link #specsOnce}. */
  static RowMapper<BatchItem> items() {
    Function<String, ItemSpec> specs = specsOnce();
    return (rs, ctx) -> item(rs, specs);
  }

  /** A mapper of claimed item rows; see {@link #specsOnce}. */
  static RowMapper<ClaimedItem> claimedItems() {
    Function<String, ItemSpec> specs = specsOnce();
    return (rs, ctx) -> claimed(rs, specs);
  }

  /**
   * Decodes each distinct spec text once per query: the items of a generation batch share a handful
   * of specs, and decoding one per row was most of a claim's CPU.
   */
  private static Function<String, ItemSpec> specsOnce() {
    Map<String, ItemSpec> specs = new HashMap<>();
    return json -> specs.computeIfAbsent(json, ConfigCodec::readSpec);
  }

  /** An item row, its spec decoded by {@code specs}. */
  private static BatchItem item(ResultSet rs, Function<String, ItemSpec> specs)
      throws SQLException {
    ItemId id = new ItemId(uuid(rs, "id"));
    ItemStatus status = ItemStatus.fromWireName(rs.getString("status")).orElseThrow();
    String errorCode = rs.getString("error_code");
    Optional<Lease> lease =
        status == ItemStatus.IN_PROGRESS
            ? Optional.of(
                new Lease(
                    id,
                    rs.getString("lease_owner"),
                    uuid(rs, "lease_token"),
                    instant(rs, "lease_expires_at")))
            : Optional.empty();
    return new BatchItem(
        id,
        new BatchId(uuid(rs, "batch_id")),
        rs.getInt("position"),
        specs.apply(rs.getString("spec")),
        status,
        rs.getInt("attempts"),
        rs.getInt("round"),
        errorCode == null
            ? Optional.empty()
            : Optional.of(new ItemError(errorCode, rs.getString("error_message"))),
        optionalInstant(rs, "not_before"),
        Optional.ofNullable((UUID) rs.getObject("question_id")).map(QuestionId::new),
        new TokenUsage(rs.getLong("prompt_tokens"), rs.getLong("completion_tokens")),
        lease,
        instant(rs, "updated_at"));
  }

  /** An item row joined with its batch's owner, course, total, concurrency and retries. */
  private static ClaimedItem claimed(ResultSet rs, Function<String, ItemSpec> specs)
      throws SQLException {
    return new ClaimedItem(
        item(rs, specs),
        new UserId(uuid(rs, "batch_user_id")),
        new CourseId(uuid(rs, "batch_course_id")),
        rs.getInt("batch_total_items"),
        new ExecutionSettings(rs.getInt("batch_concurrency"), rs.getInt("batch_max_retries")),
        new Money(rs.getLong("reserved_nanos")));
  }

  static BatchStatus batchStatus(String wire) {
    return BatchStatus.fromWireName(wire)
        .orElseThrow(() -> new IllegalStateException("unknown stored status " + wire));
  }

  static UUID uuid(ResultSet rs, String column) throws SQLException {
    return (UUID) rs.getObject(column);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getTimestamp(column).toInstant();
  }

  static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? Optional.empty() : Optional.of(value.toInstant());
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.from(instant);
  }

  static Timestamp timestamp(Optional<Instant> instant) {
    return instant.map(Timestamp::from).orElse(null);
  }
}
