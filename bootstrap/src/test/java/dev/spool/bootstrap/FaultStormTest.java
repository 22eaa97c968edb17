package dev.spool.bootstrap;

import static dev.spool.application.fake.SpoolTestKit.OWNER;
import static dev.spool.application.fake.SpoolTestKit.questions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.adapter.llm.SimulatedQuestionGenerator;
import dev.spool.adapter.llm.SimulatorSettings;
import dev.spool.application.Spool;
import dev.spool.application.fake.InMemorySpool;
import dev.spool.application.fake.SpoolTestKit;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.ItemStatus;
import dev.spool.domain.dispatch.Backoff;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher against the simulator in a fault storm: 20% 5xx, 10% 429 with retry-after, 5%
 * timeouts and 5% invalid output. Every item ends completed or failed within its budget.
 */
class FaultStormTest {

  @Test
  void every_item_ends_completed_or_failed_within_its_retry_budget_and_the_counts_add_up() {
    InMemorySpool fakes = new InMemorySpool();
    SimulatorSettings storm =
        new SimulatorSettings(
            Duration.ofMillis(2),
            Duration.ofMillis(2),
            0.2,
            0.1,
            0.05,
            0.05,
            7,
            Duration.ofMillis(20));
    try (Spool spool =
        Spool.builder(fakes.ports(new SimulatedQuestionGenerator(storm)))
            .dispatcher(
                SpoolTestKit.fastSettings("storm")
                    .withBackoff(new Backoff(Duration.ofMillis(5), Duration.ofMillis(50))))
            .build()) {
      spool.start();
      Batch batch = spool.useCases().createBatch().create(questions(OWNER, 200, 20, 3)).batch();

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> {
            Batch now = fakes.batches().find(batch.id()).orElseThrow();
            return now.status().isFinished() && now.counts().inFlight() == 0;
          });

      Batch done = fakes.batches().find(batch.id()).orElseThrow();
      List<BatchItem> items =
          fakes
              .items()
              .list(
                  batch.id(), Optional.empty(), dev.spool.application.model.PageRequest.first(200))
              .items();
      assertThat(items)
          .allSatisfy(i -> {
            assertThat(i.status()).isIn(ItemStatus.COMPLETED, ItemStatus.FAILED);
            assertThat(i.attempts()).isBetween(1, 4);
          });
      long completed = items.stream().filter(i -> i.status() == ItemStatus.COMPLETED).count();
      assertThat(done.counts().completed()).isEqualTo((int) completed);
      assertThat(done.counts().completed() + done.counts().failed()).isEqualTo(200);
      assertThat(completed).isGreaterThan(170);
      assertThat(items).filteredOn(i -> i.attempts() > 1).isNotEmpty();
    }
  }
}
