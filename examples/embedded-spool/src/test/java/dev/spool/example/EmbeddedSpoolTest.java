package dev.spool.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.application.Spool;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.CreateBatch;
import dev.spool.application.port.out.QuestionGenerator;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.CourseId;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.config.ItemListDraft;
import dev.spool.domain.config.ItemSpec;
import dev.spool.domain.question.AnswerOption;
import dev.spool.domain.question.GeneratedQuestion;
import dev.spool.domain.question.TokenUsage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EmbeddedSpoolTest {

  @Test
  void an_embedding_service_runs_a_batch_with_its_own_generator() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    QuestionGenerator myGenerator =
        request -> {
          calls.incrementAndGet();
          var prompt = (ItemSpec.Prompt) request.spec();
          return new GeneratedQuestion(
              dev.spool.domain.config.QuestionType.SINGLE_BEST_ANSWER,
              dev.spool.domain.config.Difficulty.MEDIUM,
              "A question written for '" + prompt.name() + "': " + "x".repeat(80),
              List.of(
                  new AnswerOption("A", "first"),
                  new AnswerOption("B", "second"),
                  new AnswerOption("C", "third"),
                  new AnswerOption("D", "fourth")),
              "B",
              "Because the second one is right.",
              List.of(),
              "mine",
              "my-model",
              new TokenUsage(100, 50));
        };
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        Spool spool = EmbeddedSpool.wire(postgres.getPostgresDatabase(), myGenerator)) {
      Actor actor = new Actor(new UserId(UUID.randomUUID()), Set.of(Actor.FACULTY));
      var draft =
          new ItemListDraft(
              List.of(
                  new ItemListDraft.Item("week 1", "Ask about the heart"),
                  new ItemListDraft.Item("week 2", "Ask about the lungs")),
              2,
              2);
      Batch batch =
          spool
              .useCases()
              .createBatch()
              .create(
                  new CreateBatch.Command(
                      actor,
                      new CourseId(UUID.randomUUID()),
                      Optional.of("Cardiology"),
                      draft,
                      Optional.of("request-1")))
              .batch();

      Batch done =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () ->
                      spool
                          .useCases()
                          .getBatch()
                          .get(
                              actor,
                              batch.id(),
                              dev.spool.application.model.PageRequest.firstPage())
                          .overview()
                          .batch(),
                  b -> b.status().isFinished());

      assertThat(done.status()).isEqualTo(BatchStatus.COMPLETED);
      assertThat(done.counts().completed()).isEqualTo(2);
      assertThat(calls).hasValue(2);
    }
  }
}
