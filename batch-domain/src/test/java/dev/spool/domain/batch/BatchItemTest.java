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
    BatchItem claimed = pending.claim(lease(), T0);
    BatchItem done = claimed.settle(claimed.complete(question, new TokenUsage(10, 5), T0));

    assertThat(done.status()).isEqualTo(ItemStatus.COMPLETED);
    assertThat(done.questionId()).contains(question);
    assertThat(done.tokens()).isEqualTo(new TokenUsage(10, 5));
    assertThat(done.lease()).isEmpty();
  }

  @Test
  void a_retry_waits_as_pending_until_its_not_before_time() {
    BatchItem claimed = pending.claim(lease(), T0);
    BatchItem waiting = claimed.settle(claimed.retryAt(TIMEOUT, T0.plusSeconds(4), T0));

    assertThat(waiting.status()).isEqualTo(ItemStatus.PENDING);
    assertThat(waiting.lastError()).contains(TIMEOUT);
    assertThat(waiting.isClaimableAt(T0.plusSeconds(3))).isFalse();
    assertThat(waiting.isClaimableAt(T0.plusSeconds(4))).isTrue();
    assertThat(waiting.claim(lease(), T0.plusSeconds(4)).attempts()).isEqualTo(2);
  }

  @Test
  void failing_for_good_keeps_the_last_message_under_the_batch_item_failed_code() {
    BatchItem failed = failed(pending);

    assertThat(failed.status()).isEqualTo(ItemStatus.FAILED);
    assertThat(failed.lastError())
        .contains(new ItemError("batch_item_failed", "provider timed out"));
  }

  @Test
  void releasing_returns_the_item_without_counting_the_attempt() {
    BatchItem claimed = pending.claim(lease(), T0);
    BatchItem released = claimed.settle(claimed.release(T0));

    assertThat(released.status()).isEqualTo(ItemStatus.PENDING);
    assertThat(released.attempts()).isZero();
  }

  @Test
  void a_reset_failed_item_gets_a_fresh_retry_budget() {
    BatchItem reset = failed(pending).move(ItemMove.RETRY_FAILED, T0);

    assertThat(reset.status()).isEqualTo(ItemStatus.PENDING);
    assertThat(reset.attempts()).isZero();
    assertThat(reset.isClaimableAt(T0)).isTrue();
  }

  @Test
  void each_reset_starts_a_new_round_so_its_first_attempt_is_a_new_try() {
    assertThat(pending.round()).isZero();
    BatchItem once = failed(pending).move(ItemMove.RETRY_FAILED, T0);
    BatchItem twice = failed(once).move(ItemMove.RETRY_FAILED, T0);

    assertThat(once.round()).isEqualTo(1);
    assertThat(twice.round()).isEqualTo(2);
    assertThat(twice.claim(lease(), T0).round()).as("a claim keeps the round").isEqualTo(2);
  }

  @Test
  void a_completed_item_can_never_change_again() {
    BatchItem claimed = pending.claim(lease(), T0);
    BatchItem done =
        claimed.settle(claimed.complete(new QuestionId(UUID.randomUUID()), TokenUsage.NONE, T0));

    assertThatThrownBy(() -> done.claim(lease(), T0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> done.move(ItemMove.CANCEL_PENDING, T0))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> done.move(ItemMove.RETRY_FAILED, T0))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> done.release(T0)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_pending_item_cannot_complete_without_being_claimed() {
    assertThatThrownBy(
            () -> pending.complete(new QuestionId(UUID.randomUUID()), TokenUsage.NONE, T0))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void cancelling_works_from_pending_and_from_in_progress() {
    BatchItem claimed = pending.claim(lease(), T0);
    assertThat(pending.move(ItemMove.CANCEL_PENDING, T0).status()).isEqualTo(ItemStatus.CANCELLED);
    assertThat(claimed.settle(claimed.cancelInFlight(T0)).status()).isEqualTo(ItemStatus.CANCELLED);
  }

  @Test
  void a_settlement_carries_every_value_a_store_writes_including_the_count_change() {
    BatchItem claimed = pending.claim(lease(), T0);

    Settlement failed = claimed.fail(TIMEOUT, T0);
    assertThat(failed.status()).isEqualTo(ItemStatus.FAILED);
    assertThat(failed.error())
        .contains(new ItemError(ItemError.FAILED_FOR_GOOD, "provider timed out"));
    assertThat(failed.counts()).isEqualTo(new ItemCounts.Change(0, 1, 0, -1));
    assertThat(failed.endedAt()).contains(T0);

    Settlement retry = claimed.retryAt(TIMEOUT, T0.plusSeconds(4), T0);
    assertThat(retry.counts()).isEqualTo(new ItemCounts.Change(0, 0, 0, -1));
    assertThat(retry.endedAt()).isEmpty();
    assertThat(claimed.release(T0).attemptsAdded()).isEqualTo(-1);
  }

  @Test
  void a_settlement_applies_only_to_the_item_under_its_lease() {
    BatchItem first = pending.claim(lease(), T0);
    Settlement stale = first.release(T0);
    BatchItem second = first.settle(stale).claim(lease(), T0);

    assertThatThrownBy(() -> second.settle(stale)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void bulk_moves_name_their_count_change_per_item() {
    assertThat(ItemMove.CLAIM.perItem()).isEqualTo(new ItemCounts.Change(0, 0, 0, 1));
    assertThat(ItemMove.CANCEL_PENDING.perItem()).isEqualTo(new ItemCounts.Change(0, 0, 1, 0));
    assertThat(ItemMove.RETRY_FAILED.perItem()).isEqualTo(new ItemCounts.Change(0, -1, 0, 0));
  }

  private BatchItem failed(BatchItem item) {
    BatchItem claimed = item.claim(lease(), T0);
    return claimed.settle(claimed.fail(TIMEOUT, T0));
  }
}
