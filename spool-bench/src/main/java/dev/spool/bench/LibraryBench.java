package dev.spool.bench;

import dev.spool.adapter.persistence.PostgresStore;
import dev.spool.application.Spool;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.CreateBatch;
import dev.spool.application.port.out.QuestionGenerator;
import dev.spool.application.port.out.RateLimiter;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.CourseId;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.config.ConfigLimits;
import dev.spool.domain.config.GenerationDraft;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The library as an embedding service uses it, on the benchmark's PostgreSQL. */
final class LibraryBench {
  static final Actor FACULTY = new Actor(new UserId(UUID.randomUUID()), Set.of(Actor.FACULTY));

  private LibraryBench() {}

  static Spool.Builder spool(
      PostgresStore store, QuestionGenerator generator, RateLimiter limiter) {
    return Spool.builder(store.ports(generator, limiter, Clock.systemUTC()))
        .limits(new ConfigLimits(100_000, 10_000));
  }

  static GenerationDraft draft(int items, int concurrency) {
    return new GenerationDraft(
        items,
        List.of(UUID.randomUUID()),
        List.of(),
        "single_best_answer",
        30,
        50,
        20,
        null,
        concurrency,
        2);
  }

  static Batch create(Spool spool, String name, GenerationDraft draft) {
    return spool
        .useCases()
        .createBatch()
        .create(
            new CreateBatch.Command(
                FACULTY,
                new CourseId(UUID.randomUUID()),
                Optional.of(name),
                draft,
                Optional.empty()))
        .batch();
  }

  /** Waits until the batch is finished; returns the nanoTime it was seen finished. */
  static long awaitFinished(PostgresStore store, BatchId batch) throws InterruptedException {
    while (!isFinished(store, batch)) {
      Thread.sleep(5);
    }
    return System.nanoTime();
  }

  static boolean isFinished(PostgresStore store, BatchId batch) {
    return store.batches().find(batch).orElseThrow().status().isFinished();
  }
}
