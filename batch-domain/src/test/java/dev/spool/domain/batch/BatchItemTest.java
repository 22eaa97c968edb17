package dev.spool.domain.batch;

import static dev.spool.domain.batch.Batches.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.domain.config.ItemSpec;
import dev.spool.domain.question.QuestionId;
import dev.spool.domain.question.TokenUsage;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BatchItemTest {
  private static final ItemError TIMEOUT = new ItemError("TIMEOUT", "provider timed out");

  private final BatchItem pending =
      BatchItem.planned(
          new ItemId(UUID.randomUUID()),
          new BatchId(UUID.randomUUID()),
          4,
          new ItemSpec.Prompt("Knight v5", "a knight"),
          T0);

  private Lease lease() {
    return new Lease(pending.id(), "node-a", UUID.randomUUID(), T0.plusSeconds(30));
  }

  @Test
  void claiming_starts_an_attempt_under_a_lease() {
    Lease lease = lease();
    BatchItem claimed = pending.claim(lease, T0);

    assertThat(claimed.status()).isEqualTo(ItemStatus.IN_PROGRESS);
    assertThat(claimed.attempts()).isEqualTo(1);
    assertThat(claimed.lease()).contains(lease);
  }

  @Test
  void completing_keeps_the_question_and_adds_the_tokens() {
    QuestionId question = new QuestionId(UUID.randomUUID());
    BatchItem done = pending.claim(lease(), T0).complete(question, new TokenUsage(10, 5), T0);

    assertThat(done.status()).isEqualTo(ItemStatus.COMPLETED);
    assertThat(done.questionId()).contains(question);
    assertThat(done.tokens()).isEqualTo(new TokenUsage(10, 5));
    assertThat(done.lease()).isEmpty();
  }

  @Test
  void a_retry_waits_as_pending_until_its_not_before_time() {
    BatchItem waiting = pending.claim(lease(), T0).scheduleRetry(TIMEOUT, T0.plusSeconds(4), T0);

    assertThat(waiting.status()).isEqualTo(ItemStatus.PENDING);
    assertThat(waiting.lastError()).contains(TIMEOUT);
    assertThat(waiting.isClaimableAt(T0.plusSeconds(3))).isFalse();
    assertThat(waiting.isClaimableAt(T0.plusSeconds(4))).isTrue();
    assertThat(waiting.claim(lease(), T0.plusSeconds(4)).attempts()).isEqualTo(2);
  }

  @Test
  void failing_for_good_keeps_the_last_message_under_the_batch_item_failed_code() {
    BatchItem failed = pending.claim(lease(), T0).fail(TIMEOUT, T0);

    assertThat(failed.status()).isEqualTo(ItemStatus.FAILED);
    assertThat(failed.lastError())
        .contains(new ItemError("batch_item_failed", "provider timed out"));
  }

  @Test
  void releasing_returns_the_item_without_counting_the_attempt() {
    BatchItem released = pending.claim(lease(), T0).release(T0);

    assertThat(released.status()).isEqualTo(ItemStatus.PENDING);
    assertThat(released.attempts()).isZero();
  }

  @Test
  void a_reset_failed_item_gets_a_fresh_retry_budget() {
    BatchItem reset = pending.claim(lease(), T0).fail(TIMEOUT, T0).resetForRetry(T0);

    assertThat(reset.status()).isEqualTo(ItemStatus.PENDING);
    assertThat(reset.attempts()).isZero();
    assertThat(reset.isClaimableAt(T0)).isTrue();
  }

  @Test
  void each_reset_starts_a_new_round_so_its_first_attempt_is_a_new_try() {
    assertThat(pending.round()).isZero();
    BatchItem once = pending.claim(lease(), T0).fail(TIMEOUT, T0).resetForRetry(T0);
    BatchItem twice = once.claim(lease(), T0).fail(TIMEOUT, T0).resetForRetry(T0);

    assertThat(once.round()).isEqualTo(1);
    assertThat(twice.round()).isEqualTo(2);
    assertThat(twice.claim(lease(), T0).round()).as("a claim keeps the round").isEqualTo(2);
  }

  @Test
  void a_completed_item_can_never_change_again() {
    BatchItem done =
        pending.claim(lease(), T0).complete(new QuestionId(UUID.randomUUID()), TokenUsage.NONE, T0);

    assertThatThrownBy(() -> done.claim(lease(), T0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> done.cancel(T0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> done.resetForRetry(T0)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_pending_item_cannot_complete_without_being_claimed() {
    assertThatThrownBy(
            () -> pending.complete(new QuestionId(UUID.randomUUID()), TokenUsage.NONE, T0))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void cancelling_works_from_pending_and_from_in_progress() {
    assertThat(pending.cancel(T0).status()).isEqualTo(ItemStatus.CANCELLED);
    assertThat(pending.claim(lease(), T0).cancel(T0).status()).isEqualTo(ItemStatus.CANCELLED);
  }
}
