package dev.spool.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.application.port.out.GenerationRequest;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.CourseId;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.config.Difficulty;
import dev.spool.domain.config.ItemSpec;
import dev.spool.domain.config.QuestionType;
import dev.spool.domain.config.ScopeRef;
import dev.spool.domain.dispatch.BatchItemError;
import dev.spool.domain.question.GeneratedQuestion;
import dev.spool.domain.question.QuestionRules;
import dev.spool.domain.question.QuestionValidator;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SimulatedQuestionGeneratorTest {
  private static final QuestionValidator VALIDATOR = new QuestionValidator(QuestionRules.DEFAULT);
  private static final ScopeRef SLO = new ScopeRef(ScopeRef.Kind.SLO, new UUID(7, 7));

  private static GenerationRequest request(long n, Difficulty difficulty, int attempt) {
    return request(n, difficulty, attempt, 0);
  }

  private static GenerationRequest request(long n, Difficulty difficulty, int attempt, int round) {
    return new GenerationRequest(
        new BatchId(new UUID(1, 1)),
        new ItemId(new UUID(2, n)),
        new UserId(new UUID(3, 3)),
        new CourseId(new UUID(4, 4)),
        new ItemSpec.Question(
            QuestionType.SINGLE_BEST_ANSWER, difficulty, List.of(SLO), Optional.empty()),
        attempt,
        round);
  }

  @Test
  void the_same_seed_gives_the_same_question_for_the_same_item_and_attempt() {
    var a = new SimulatedQuestionGenerator(SimulatorSettings.instant(1));
    var b = new SimulatedQuestionGenerator(SimulatorSettings.instant(1));
    var other = new SimulatedQuestionGenerator(SimulatorSettings.instant(2));

    assertThat(a.generate(request(5, Difficulty.EASY, 1)))
        .isEqualTo(b.generate(request(5, Difficulty.EASY, 1)));
    long differing =
        java.util.stream.LongStream.range(0, 20)
            .filter(n ->
                !a.generate(request(n, Difficulty.EASY, 1))
                    .equals(other.generate(request(n, Difficulty.EASY, 1))))
            .count();
    assertThat(differing).isGreaterThan(10);
  }

  @Test
  void a_retried_round_is_a_new_try_so_retrying_failed_items_can_succeed() {
    var generator =
        new SimulatedQuestionGenerator(SimulatorSettings.instant(4).withRates(0, 0, 0, 0.5));
    List<Long> invalidInFirstRound =
        java.util.stream.LongStream.range(0, 60)
            .filter(n ->
                VALIDATOR
                    .error(generator.generate(request(n, Difficulty.EASY, 1, 0)), Optional.empty())
                    .isPresent())
            .boxed()
            .toList();
    long validWhenRetried =
        invalidInFirstRound.stream()
            .filter(n ->
                VALIDATOR
                    .error(generator.generate(request(n, Difficulty.EASY, 1, 1)), Optional.empty())
                    .isEmpty())
            .count();

    assertThat(invalidInFirstRound).hasSizeBetween(15, 45);
    assertThat(validWhenRetried).isGreaterThan(invalidInFirstRound.size() / 4);
    assertThat(generator.generate(request(3, Difficulty.EASY, 1, 1)))
        .as("still deterministic per round")
        .isEqualTo(generator.generate(request(3, Difficulty.EASY, 1, 1)));
  }

  @Test
  void generated_questions_are_valid_marked_simulated_and_cover_the_items_scope() {
    var generator = new SimulatedQuestionGenerator(SimulatorSettings.instant(3));
    for (long n = 0; n < 300; n++) {
      Difficulty difficulty = Difficulty.values()[(int) (n % 3)];
      GeneratedQuestion q = generator.generate(request(n, difficulty, 1));

      assertThat(VALIDATOR.error(q, Optional.of(difficulty))).isEmpty();
      assertThat(q.provider()).isEqualTo("simulated");
      assertThat(q.scope()).containsExactly(SLO);
      assertThat(q.usage().total()).isPositive();
    }
  }

  @Test
  void each_failure_mode_happens_at_about_its_configured_rate() {
    var settings = SimulatorSettings.instant(9).withRates(0.2, 0.1, 0.05, 0.05);
    var generator = new SimulatedQuestionGenerator(settings);
    Map<String, Integer> outcomes = new HashMap<>();
    int total = 4_000;
    for (long n = 0; n < total; n++) {
      String outcome;
      try {
        GeneratedQuestion q = generator.generate(request(n, Difficulty.MEDIUM, 1));
        outcome = VALIDATOR.error(q, Optional.of(Difficulty.MEDIUM)).isPresent() ? "invalid" : "ok";
      } catch (BatchItemError e) {
        outcome = e.code();
      }
      outcomes.merge(outcome, 1, Integer::sum);
    }

    assertThat(outcomes.get("PROVIDER_ERROR") / (double) total).isBetween(0.17, 0.23);
    assertThat(outcomes.get("RATE_LIMITED") / (double) total).isBetween(0.08, 0.12);
    assertThat(outcomes.get("TIMEOUT") / (double) total).isBetween(0.035, 0.065);
    assertThat(outcomes.get("invalid") / (double) total).isBetween(0.035, 0.065);
    assertThat(outcomes.get("ok") / (double) total).isBetween(0.57, 0.63);
  }

  @Test
  void a_rate_limited_answer_carries_a_retry_after() {
    var generator =
        new SimulatedQuestionGenerator(SimulatorSettings.instant(4).withRates(0, 1, 0, 0));

    assertThatThrownBy(() -> generator.generate(request(1, Difficulty.HARD, 1)))
        .isInstanceOfSatisfying(
            BatchItemError.class,
            e -> {
              assertThat(e.retryable()).isTrue();
              assertThat(e.retryAfter())
                  .hasValueSatisfying(d ->
                      assertThat(d).isBetween(Duration.ofMillis(500), Duration.ofMillis(2_000)));
            });
  }

  @Test
  void a_timeout_waits_for_the_configured_time_then_fails_retryably() {
    var generator =
        new SimulatedQuestionGenerator(
            SimulatorSettings.instant(5).withRates(0, 0, 1, 0).withTimeout(Duration.ofMillis(60)));
    long start = System.nanoTime();

    assertThatThrownBy(() -> generator.generate(request(1, Difficulty.EASY, 1)))
        .isInstanceOfSatisfying(
            BatchItemError.class, e -> assertThat(e.code()).isEqualTo("TIMEOUT"));
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(60));
  }

  @Test
  void the_configured_latency_is_applied() {
    var generator =
        new SimulatedQuestionGenerator(
            SimulatorSettings.instant(6).withLatency(Duration.ofMillis(50), Duration.ofMillis(10)));
    long start = System.nanoTime();

    generator.generate(request(1, Difficulty.EASY, 1));

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(40));
  }

  @Test
  void rates_that_add_up_to_more_than_one_are_refused() {
    assertThatThrownBy(() -> SimulatorSettings.instant(1).withRates(0.5, 0.5, 0.1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatorSettings.instant(1).withRates(-0.1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void an_item_list_prompt_is_named_in_the_stem() {
    var generator = new SimulatedQuestionGenerator(SimulatorSettings.instant(8));
    var request =
        new GenerationRequest(
            new BatchId(new UUID(1, 1)),
            new ItemId(new UUID(2, 2)),
            new UserId(new UUID(3, 3)),
            new CourseId(new UUID(4, 4)),
            new ItemSpec.Prompt("Knight v1", "a knight"),
            1,
            0);

    GeneratedQuestion q = generator.generate(request);

    assertThat(q.stem()).startsWith("(Knight v1) ");
    assertThat(VALIDATOR.error(q, Optional.empty())).isEmpty();
  }
}
