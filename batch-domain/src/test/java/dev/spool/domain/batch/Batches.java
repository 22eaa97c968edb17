package dev.spool.domain.batch;

import dev.spool.domain.config.DifficultyDistribution;
import dev.spool.domain.config.ExecutionSettings;
import dev.spool.domain.config.GenerationConfig;
import dev.spool.domain.config.QuestionType;
import dev.spool.domain.config.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Test data for batches: a fresh batch in any status, built only through transitions. */
public final class Batches {
  public static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  public static final UserId OWNER = new UserId(new UUID(0, 1));

  private Batches() {}

  public static GenerationConfig config(int targetCount) {
    return new GenerationConfig(
        targetCount,
        new Scope(List.of(new UUID(1, 1)), List.of()),
        QuestionType.SINGLE_BEST_ANSWER,
        new DifficultyDistribution(30, 50, 20),
        Optional.empty(),
        ExecutionSettings.defaults());
  }

  public static Batch pending(int items) {
    return Batch.create(
        new BatchId(UUID.randomUUID()),
        OWNER,
        new CourseId(new UUID(2, 2)),
        Optional.of("test batch"),
        config(items),
        Optional.empty(),
        T0);
  }

  public static Batch running(int items) {
    return pending(items).start(T0);
  }

  /** A batch in {@code status}, reached the way a real one would. */
  public static Batch in(BatchStatus status) {
    return switch (status) {
      case PENDING -> pending(2);
      case RUNNING -> running(2);
      case PAUSED -> running(2).pause(T0);
      case CANCELLED -> running(2).cancel(T0);
      case COMPLETED -> finishedWith(2, 0);
      case COMPLETED_WITH_ERRORS -> finishedWith(1, 1);
      case FAILED -> finishedWith(0, 2);
    };
  }

  public static Batch finishedWith(int completed, int failed) {
    Batch batch = running(completed + failed);
    ItemCounts counts = new ItemCounts(completed + failed, completed, failed, 0, 0);
    return batch.withCounts(counts).finishIfDrained(T0).orElseThrow();
  }
}
