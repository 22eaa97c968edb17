package dev.spool.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.ItemError;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.batch.ItemStatus;
import dev.spool.domain.batch.Lease;
import dev.spool.domain.batch.Settlement;
import dev.spool.domain.config.ItemSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;
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

  @Test
  void a_failed_attempt_settles_as_a_retry_after_the_backoff_and_as_a_final_failure_once_spent() {
    BatchItem first = inFlight(0);

    Settlement retry =
        RetryPolicy.of(1).settle(first, TIMEOUT, BatchStatus.RUNNING, false, NOW, random);
    assertThat(retry.status()).isEqualTo(ItemStatus.PENDING);
    assertThat(retry.notBefore()).hasValueSatisfying(t -> assertThat(t).isAfterOrEqualTo(NOW));
    assertThat(retry.error()).contains(new ItemError("TIMEOUT", "timed out"));

    BatchItem second = inFlight(1);
    Settlement spent =
        RetryPolicy.of(1).settle(second, TIMEOUT, BatchStatus.RUNNING, false, NOW, random);
    assertThat(spent.status()).isEqualTo(ItemStatus.FAILED);
    assertThat(spent.error()).contains(new ItemError(ItemError.FAILED_FOR_GOOD, "timed out"));
  }

  @Test
  void an_attempt_cut_off_is_retried_at_once_and_one_of_a_cancelled_batch_is_cancelled() {
    Settlement cutOff =
        RetryPolicy.of(2)
            .settle(
                inFlight(0),
                BatchItemError.interrupted("lease expired"),
                BatchStatus.RUNNING,
                true,
                NOW,
                random);
    assertThat(cutOff.notBefore()).contains(NOW);

    Settlement cancelled =
        RetryPolicy.of(2).settle(inFlight(0), TIMEOUT, BatchStatus.CANCELLED, false, NOW, random);
    assertThat(cancelled.status()).isEqualTo(ItemStatus.CANCELLED);
  }

  /** An item in flight on its attempt after {@code earlier} attempts. */
  private static BatchItem inFlight(int earlier) {
    BatchItem item =
        BatchItem.planned(
            new ItemId(UUID.randomUUID()),
            new BatchId(UUID.randomUUID()),
            0,
            new ItemSpec.Prompt("q", "a question"),
            NOW);
    for (int i = 0; i <= earlier; i++) {
      BatchItem claimed = item.claim(new Lease(item.id(), "n", UUID.randomUUID(), NOW), NOW);
      item =
          i < earlier
              ? claimed.settle(claimed.retryAt(new ItemError("X", "x"), NOW, NOW))
              : claimed;
    }
    return item;
  }
}
