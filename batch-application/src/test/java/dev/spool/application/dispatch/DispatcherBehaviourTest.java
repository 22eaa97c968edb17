package dev.spool.application.dispatch;

import static dev.spool.application.fake.SpoolTestKit.OWNER;
import static dev.spool.application.fake.SpoolTestKit.questions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.spool.application.Spool;
import dev.spool.application.fake.ScriptedGenerator;
import dev.spool.application.fake.SpoolTestKit;
import dev.spool.application.port.out.GenerationRequest;
import dev.spool.application.ratelimit.LocalRateLimiter;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.ItemError;
import dev.spool.domain.batch.ItemStatus;
import dev.spool.domain.config.Difficulty;
import dev.spool.domain.config.ItemSpec;
import dev.spool.domain.dispatch.BatchItemError;
import dev.spool.domain.dispatch.BatchPipelineError;
import dev.spool.domain.event.BatchCompleted;
import dev.spool.domain.event.ItemFailed;
import dev.spool.domain.question.GeneratedQuestion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries, batch-fatal errors, the shared rate limit and shutdown. */
class DispatcherBehaviourTest {
  private final SpoolTestKit kit = new SpoolTestKit();

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void a_flaky_item_is_retried_and_completes_within_its_budget() {
    AtomicInteger calls = new AtomicInteger();
    kit.generator()
        .failWith(r ->
            calls.incrementAndGet() <= 2
                ? BatchItemError.retryable("TIMEOUT", "provider timed out")
                : null);
    Spool spool = kit.started("n1");

    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 1, 1, 2)).batch();
    Batch done = kit.awaitFinished(batch.id());

    assertThat(done.status()).isEqualTo(BatchStatus.COMPLETED);
    BatchItem item = kit.items(batch.id()).getFirst();
    assertThat(item.attempts()).isEqualTo(3);
    assertThat(kit.events(batch.id(), ItemFailed.class))
        .extracting(e -> (ItemFailed) e.event())
        .extracting(ItemFailed::attempt, ItemFailed::willRetry)
        .containsExactly(tuple(1, true), tuple(2, true));
  }

  @Test
  void an_item_fails_for_good_after_three_attempts_keeping_its_last_message() {
    kit.generator()
        .failWith(r ->
            BatchItemError.retryable(
                "VALIDATION",
                "ValidationEngineError: stem too short (" + r.attempt() + " < 80 chars)"));
    Spool spool = kit.started("n1");

    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 2, 2, 2)).batch();
    Batch done = kit.awaitFinished(batch.id());

    assertThat(done.status()).isEqualTo(BatchStatus.FAILED);
    assertThat(kit.items(batch.id()))
        .allSatisfy(item -> {
          assertThat(item.status()).isEqualTo(ItemStatus.FAILED);
          assertThat(item.attempts()).isEqualTo(3);
          assertThat(item.lastError())
              .contains(
                  new ItemError(
                      "batch_item_failed", "ValidationEngineError: stem too short (3 < 80 chars)"));
          assertThat(kit.generator().callsFor(item.id())).isEqualTo(3);
        });
    assertThat(kit.events(batch.id(), ItemFailed.class))
        .hasSize(6)
        .filteredOn(e -> !((ItemFailed) e.event()).willRetry())
        .hasSize(2);
  }

  @Test
  void some_failures_end_the_batch_completed_with_errors() {
    kit.generator()
        .failWith(r ->
            r.spec() instanceof ItemSpec.Question q && q.difficulty() == Difficulty.HARD
                ? BatchItemError.permanent("REFUSED", "refused")
                : null);
    Spool spool = kit.started("n1");

    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 20, 5, 2)).batch();
    Batch done = kit.awaitFinished(batch.id());

    assertThat(done.status()).isEqualTo(BatchStatus.COMPLETED_WITH_ERRORS);
    assertThat(done.counts().failed()).isEqualTo(4);
    assertThat(done.counts().completed()).isEqualTo(16);
    BatchCompleted complete =
        (BatchCompleted) kit.events(batch.id(), BatchCompleted.class).getFirst().event();
    assertThat(complete.totalCompleted()).isEqualTo(16);
    assertThat(complete.totalFailed()).isEqualTo(4);
  }

  @Test
  void a_batch_fatal_error_fails_the_batch_at_once_and_keeps_completed_items() {
    AtomicInteger calls = new AtomicInteger();
    kit.generator()
        .latency(Duration.ofMillis(2))
        .failWith(r ->
            calls.incrementAndGet() > 5
                ? new BatchPipelineError("provider rejected the API key (401)")
                : null);
    Spool spool = kit.started("n1");

    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 200, 2, 2)).batch();
    Batch done = kit.awaitFinished(batch.id());

    assertThat(done.status()).isEqualTo(BatchStatus.FAILED);
    assertThat(done.failureReason()).contains("provider rejected the API key (401)");
    assertThat(done.counts().completed()).isEqualTo(5);
    assertThat(kit.generator().totalCalls()).isLessThan(12);
    assertThat(done.counts().pending()).isGreaterThan(180);
    assertThat(kit.events(batch.id(), BatchCompleted.class)).hasSize(1);
  }

  private static GeneratedQuestion shortStem(GenerationRequest request) {
    GeneratedQuestion valid = ScriptedGenerator.question(request);
    return new GeneratedQuestion(
        valid.type(),
        valid.difficulty(),
        "Too short?",
        valid.options(),
        valid.correctLabel(),
        valid.explanation(),
        valid.scope(),
        valid.provider(),
        valid.model(),
        valid.usage());
  }

  @Test
  void an_invalid_question_is_regenerated_and_counts_only_once_valid() {
    kit.generator()
        .answerWith(r -> r.attempt() == 1 ? shortStem(r) : ScriptedGenerator.question(r));
    Spool spool = kit.started("n1");

    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 3, 3, 2)).batch();
    Batch done = kit.awaitFinished(batch.id());

    assertThat(done.status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(kit.events(batch.id(), ItemFailed.class))
        .hasSize(3)
        .allSatisfy(e -> {
          ItemFailed failed = (ItemFailed) e.event();
          assertThat(failed.errorCode()).isEqualTo("VALIDATION_FAILED");
          assertThat(failed.error())
              .isEqualTo("ValidationEngineError: stem too short (10 < 80 chars)");
          assertThat(failed.willRetry()).isTrue();
        });
  }

  @Test
  void a_question_that_never_validates_fails_the_item_with_the_validators_message() {
    kit.generator().answerWith(DispatcherBehaviourTest::shortStem);
    Spool spool = kit.started("n1");

    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 1, 1, 1)).batch();
    kit.awaitFinished(batch.id());

    BatchItem item = kit.items(batch.id()).getFirst();
    assertThat(item.status()).isEqualTo(ItemStatus.FAILED);
    assertThat(item.attempts()).isEqualTo(2);
    assertThat(item.lastError())
        .contains(
            new ItemError(
                "batch_item_failed", "ValidationEngineError: stem too short (10 < 80 chars)"));
  }

  @Test
  void rate_limits_halve_a_batchs_concurrency_and_successes_grow_it_back()
      throws InterruptedException {
    AtomicInteger calls = new AtomicInteger();
    kit.generator()
        .latency(Duration.ofMillis(3))
        .failWith(r ->
            calls.incrementAndGet() <= 12
                ? BatchItemError.rateLimited("429", Duration.ofMillis(5))
                : null);
    Spool spool = kit.started("n1");

    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 200, 8, 5)).batch();
    AtomicInteger lowest = new AtomicInteger(Integer.MAX_VALUE);
    Thread sampler =
        Thread.ofPlatform()
            .start(() -> {
              while (!kit.batch(batch.id()).status().isFinished()) {
                lowest.accumulateAndGet(kit.batch(batch.id()).concurrency().effective(), Math::min);
                Thread.onSpinWait();
              }
            });
    Batch done = kit.awaitFinished(batch.id());
    sampler.join();

    assertThat(lowest.get()).isLessThanOrEqualTo(4);
    assertThat(done.status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(done.concurrency().effective()).isEqualTo(8);
  }

  @Test
  void an_unexpected_generator_exception_is_a_retryable_item_error() {
    AtomicInteger calls = new AtomicInteger();
    kit.generator()
        .failWith(r ->
            calls.incrementAndGet() == 1 ? new IllegalArgumentException("bug in generator") : null);
    Spool spool = kit.started("n1");

    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 1, 1, 2)).batch();

    assertThat(kit.awaitFinished(batch.id()).status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(
            ((ItemFailed) kit.events(batch.id(), ItemFailed.class).getFirst().event()).errorCode())
        .isEqualTo("GENERATOR_ERROR");
  }

  @Test
  void two_nodes_sharing_one_rate_limiter_never_exceed_it_in_any_second() {
    List<Instant> calls = Collections.synchronizedList(new ArrayList<>());
    kit.rateLimiter(LocalRateLimiter.perSecond(20, Optional.empty(), Clock.systemUTC()));
    kit.generator()
        .failWith(r -> {
          calls.add(Instant.now());
          return null;
        });
    kit.started("n1");
    Spool n2 = kit.started("n2");

    Batch batch = n2.useCases().createBatch().create(questions(OWNER, 70, 50, 2)).batch();
    kit.awaitFinished(batch.id());

    // The limiter grants permits; the generator records its call a little later, by a delay that
    // varies with scheduling. Windows 50 ms short of a second keep that jitter from counting a
    // permit of the next second in this one.
    Duration window = Duration.ofMillis(950);
    List<Instant> sorted = calls.stream().sorted().toList();
    int busiest = 0;
    for (int i = 0, j = 0; i < sorted.size(); i++) {
      while (!sorted.get(j).plus(window).isAfter(sorted.get(i))) {
        j++;
      }
      busiest = Math.max(busiest, i - j + 1);
    }
    assertThat(sorted).hasSize(70);
    assertThat(busiest).isBetween(15, 20);
    double seconds = Duration.between(sorted.getFirst(), sorted.getLast()).toMillis() / 1000.0;
    assertThat(69 / seconds).isBetween(15.0, 20.5);
  }

  @Test
  void a_429_with_retry_after_holds_every_item_of_the_node_not_only_its_own() {
    List<Instant> calls = Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicReference<Instant> limitedAt =
        new java.util.concurrent.atomic.AtomicReference<>();
    kit.rateLimiter(LocalRateLimiter.perSecond(1_000, Optional.empty(), Clock.systemUTC()));
    kit.generator()
        .failWith(r -> {
          calls.add(Instant.now());
          if (limitedAt.compareAndSet(null, Instant.now())) {
            return BatchItemError.rateLimited("HTTP 429", Duration.ofMillis(600));
          }
          return null;
        });
    kit.started("n1");

    Batch batch =
        kit.started("n2").useCases().createBatch().create(questions(OWNER, 40, 4, 2)).batch();
    kit.awaitFinished(batch.id());

    Instant held = limitedAt.get();
    assertThat(calls)
        .as("no call starts while the provider's retry-after holds the node")
        .noneMatch(t -> t.isAfter(held.plusMillis(100)) && t.isBefore(held.plusMillis(550)));
    assertThat(calls).anyMatch(t -> t.isAfter(held.plusMillis(550)));
    assertThat(kit.batch(batch.id()).counts().completed()).isEqualTo(40);
  }

  @Test
  void shutdown_lets_running_items_finish_and_releases_the_rest() {
    kit.generator().latency(Duration.ofMillis(100));
    Spool spool =
        kit.node(SpoolTestKit.fastSettings("n1").withShutdownGrace(Duration.ofSeconds(5)));
    spool.start();
    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 20, 4, 2)).batch();
    kit.awaitBatch(batch.id(), b -> b.counts().inFlight() == 4);

    spool.close();

    Batch after = kit.batch(batch.id());
    assertThat(after.counts().inFlight()).isZero();
    assertThat(after.counts().completed() + after.counts().pending()).isEqualTo(20);
    assertThat(after.counts().completed()).isGreaterThanOrEqualTo(4);
    assertThat(kit.items(batch.id()))
        .filteredOn(i -> i.status() == ItemStatus.PENDING)
        .allSatisfy(i -> assertThat(i.attempts()).isZero());
  }

  @Test
  void shutdown_past_its_grace_releases_stuck_items_without_counting_their_attempt() {
    kit.generator().latency(Duration.ofSeconds(30));
    Spool spool =
        kit.node(SpoolTestKit.fastSettings("n1").withShutdownGrace(Duration.ofMillis(300)));
    spool.start();
    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 5, 2, 2)).batch();
    kit.awaitBatch(batch.id(), b -> b.counts().inFlight() == 2);

    spool.close();

    Batch after = kit.batch(batch.id());
    assertThat(after.counts().inFlight()).isZero();
    assertThat(after.counts().pending()).isEqualTo(5);
    assertThat(kit.items(batch.id())).allSatisfy(i -> assertThat(i.attempts()).isZero());
  }

  @Test
  void lease_housekeeping_that_fails_waits_for_its_next_turn_instead_of_spinning()
      throws Exception {
    kit.generator().latency(Duration.ofSeconds(30));
    Spool spool = kit.started("n1");
    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 4, 2, 2)).batch();
    kit.awaitBatch(batch.id(), b -> b.counts().inFlight() == 2);

    kit.fakes().queue().housekeeping().down(true);
    int before = kit.fakes().queue().housekeeping().calls();
    Thread.sleep(1_000);
    int during = kit.fakes().queue().housekeeping().calls() - before;
    kit.fakes().queue().housekeeping().down(false);

    // renewal every 500 ms and recovery every 100 ms: about a dozen tries in a second
    assertThat(during).isBetween(1, 40);
  }

  @Test
  void a_claimer_that_cannot_reach_the_store_backs_off_and_resumes_when_it_returns()
      throws Exception {
    Spool spool = kit.started("n1");
    kit.fakes().queue().claims().down(true);
    int before = kit.fakes().queue().claims().calls();
    Thread.sleep(1_000);
    int during = kit.fakes().queue().claims().calls() - before;

    // a 5 ms poll would try 200 times a second; doubling waits try about ten times
    assertThat(during).isBetween(1, 30);

    kit.fakes().queue().claims().down(false);
    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 5, 2, 2)).batch();
    assertThat(kit.awaitFinished(batch.id()).status()).isEqualTo(BatchStatus.COMPLETED);
  }
}
