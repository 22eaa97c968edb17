package dev.spool.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.domain.batch.ItemError;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final BatchItemError TIMEOUT = BatchItemError.retryable("TIMEOUT", "timed out");
  private final SplittableRandom random = new SplittableRandom(1);

  @Test
  void with_the_default_two_retries_an_item_gets_three_attempts() {
    RetryPolicy policy = RetryPolicy.of(2);

    assertThat(policy.decide(1, TIMEOUT, NOW, random)).isInstanceOf(FailureDecision.Retry.class);
    assertThat(policy.decide(2, TIMEOUT, NOW, random)).isInstanceOf(FailureDecision.Retry.class);
    assertThat(policy.decide(3, TIMEOUT, NOW, random))
        .isEqualTo(new FailureDecision.GiveUp(new ItemError("TIMEOUT", "timed out")));
  }

  @Test
  void no_retries_means_the_first_failure_is_final() {
    assertThat(RetryPolicy.of(0).decide(1, TIMEOUT, NOW, random))
        .isInstanceOf(FailureDecision.GiveUp.class);
  }

  @Test
  void an_error_that_cannot_be_retried_fails_at_once() {
    BatchItemError refused = BatchItemError.permanent("CONTENT_REFUSED", "refused");

    assertThat(RetryPolicy.of(2).decide(1, refused, NOW, random))
        .isInstanceOf(FailureDecision.GiveUp.class);
  }

  @Test
  void a_retry_waits_out_the_backoff_and_any_retry_after_hint() {
    BatchItemError limited = BatchItemError.rateLimited("429", Duration.ofSeconds(30));

    FailureDecision decision = RetryPolicy.of(2).decide(1, limited, NOW, random);

    assertThat(decision)
        .isInstanceOfSatisfying(
            FailureDecision.Retry.class,
            retry -> {
              assertThat(retry.notBefore()).isEqualTo(NOW.plusSeconds(30));
              assertThat(retry.error().code()).isEqualTo("RATE_LIMITED");
            });
  }

  @Test
  void a_plain_retry_waits_at_most_the_backoff_ceiling() {
    FailureDecision decision = RetryPolicy.of(5).decide(2, TIMEOUT, NOW, random);

    assertThat(((FailureDecision.Retry) decision).notBefore())
        .isBetween(NOW, NOW.plus(Duration.ofSeconds(2)));
  }
}
