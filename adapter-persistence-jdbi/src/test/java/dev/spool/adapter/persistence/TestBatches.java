package dev.spool.adapter.persistence;

import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.CourseId;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.config.DifficultyDistribution;
import dev.spool.domain.config.ExecutionSettings;
import dev.spool.domain.config.GenerationConfig;
import dev.spool.domain.config.ItemSpec;
import dev.spool.domain.config.QuestionType;
import dev.spool.domain.config.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Running generation batches, stored as a create would store them. */
final class TestBatches {
  private TestBatches() {}

  static Batch running(PostgresStore store, UserId owner, int items, int concurrency) {
    return stored(store, owner, items, concurrency, true);
  }

  /** A batch created to wait for its owner's approval: pending, as a create stores it. */
  static Batch awaitingApproval(PostgresStore store, UserId owner, int items, int concurrency) {
    return stored(store, owner, items, concurrency, false);
  }

  private static Batch stored(
      PostgresStore store, UserId owner, int items, int concurrency, boolean started) {
    Instant now = Instant.now();
    GenerationConfig config =
        new GenerationConfig(
            items,
            new Scope(List.of(UUID.randomUUID()), List.of()),
            QuestionType.SINGLE_BEST_ANSWER,
            new DifficultyDistribution(30, 50, 20),
            Optional.empty(),
            new ExecutionSettings(concurrency, 2));
    Batch batch =
        Batch.create(
            new BatchId(UUID.randomUUID()),
            owner,
            new CourseId(UUID.randomUUID()),
            Optional.empty(),
            config,
            Optional.empty(),
            now);
    batch = started ? batch.start(now) : batch;
    List<ItemSpec> specs = config.planItems();
    List<BatchItem> planned = new ArrayList<>(items);
    for (int i = 0; i < items; i++) {
      planned.add(
          BatchItem.planned(new ItemId(UUID.randomUUID()), batch.id(), i, specs.get(i), now));
    }
    store.batches().create(batch, planned);
    return batch;
  }
}
