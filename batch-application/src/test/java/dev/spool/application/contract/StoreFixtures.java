package dev.spool.application.contract;

import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.CourseId;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.config.Difficulty;
import dev.spool.domain.config.ExecutionSettings;
import dev.spool.domain.config.ItemListConfig;
import dev.spool.domain.config.ItemSpec;
import dev.spool.domain.config.QuestionType;
import dev.spool.domain.config.ScopeRef;
import dev.spool.domain.event.BatchStatusChanged;
import dev.spool.domain.question.AnswerOption;
import dev.spool.domain.question.GeneratedQuestion;
import dev.spool.domain.question.QuestionId;
import dev.spool.domain.question.TokenUsage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Batches and items for store tests, with times a database can store exactly. */
public final class StoreFixtures {
  private StoreFixtures() {}

  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** The event that says {@code batch} started, to give a batch something in its event log. */
  public static BatchStatusChanged started(Batch batch) {
    return new BatchStatusChanged(
        batch.id(), BatchStatusChanged.Change.STARTED, batch.status(), now());
  }

  /** A started batch of {@code size} listed items. */
  public static Planned running(UserId owner, int size, int concurrency, int maxRetries) {
    return running(owner, size, concurrency, maxRetries, Optional.empty(), now());
  }

  public static Planned running(
      UserId owner,
      int size,
      int concurrency,
      int maxRetries,
      Optional<String> key,
      Instant createdAt) {
    List<ItemSpec.Prompt> specs = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      specs.add(new ItemSpec.Prompt("item " + i, "prompt " + i));
    }
    ItemListConfig config =
        new ItemListConfig(specs, new ExecutionSettings(concurrency, maxRetries));
    Batch batch =
        Batch.create(
                new BatchId(UUID.randomUUID()),
                owner,
                new CourseId(UUID.randomUUID()),
                Optional.of("batch"),
                config,
                key,
                createdAt)
            .start(createdAt);
    List<BatchItem> items = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      items.add(
          BatchItem.planned(new ItemId(UUID.randomUUID()), batch.id(), i, specs.get(i), createdAt));
    }
    return new Planned(batch, items);
  }

  public static UserId user() {
    return new UserId(UUID.randomUUID());
  }

  public static QuestionId questionId() {
    return new QuestionId(UUID.randomUUID());
  }

  public static GeneratedQuestion question() {
    return new GeneratedQuestion(
        QuestionType.SINGLE_BEST_ANSWER,
        Difficulty.MEDIUM,
        "Which drug is first-line for X?",
        List.of(
            new AnswerOption("A", "a"),
            new AnswerOption("B", "b"),
            new AnswerOption("C", "c"),
            new AnswerOption("D", "d")),
        "C",
        "Because c.",
        List.of(
            new ScopeRef(
                ScopeRef.Kind.SLO, UUID.fromString("7d0c1a52-5b1e-4c8e-9f55-0f1e2d3c4b5a")),
            new ScopeRef(
                ScopeRef.Kind.CONCEPT, UUID.fromString("0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d"))),
        "simulated",
        "sim-1",
        new TokenUsage(120, 80));
  }

  /** A batch and its items, before they are stored. */
  public record Planned(Batch batch, List<BatchItem> items) {}
}
