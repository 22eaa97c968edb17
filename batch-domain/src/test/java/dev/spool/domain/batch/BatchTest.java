package dev.spool.domain.batch;

import static dev.spool.domain.batch.Batches.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BatchTest {

  @Test
  void a_new_batch_is_pending_with_every_item_pending() {
    Batch batch = Batches.pending(20);

    assertThat(batch.status()).isEqualTo(BatchStatus.PENDING);
    assertThat(batch.counts().pending()).isEqualTo(20);
    assertThat(batch.counts().total()).isEqualTo(20);
  }

  @Test
  void starting_records_the_start_time() {
    Batch started = Batches.pending(3).start(T0.plusSeconds(5));

    assertThat(started.status()).isEqualTo(BatchStatus.RUNNING);
    assertThat(started.times().startedAt()).contains(T0.plusSeconds(5));
  }

  @Test
  void a_batch_awaits_approval_while_pending_and_approving_starts_it() {
    Batch waiting = Batches.pending(4);
    assertThat(waiting.awaitsApproval()).isTrue();

    Batch approved = waiting.approve(T0.plusSeconds(2));

    assertThat(approved.status()).isEqualTo(BatchStatus.RUNNING);
    assertThat(approved.awaitsApproval()).isFalse();
    assertThat(approved.times().startedAt()).contains(T0.plusSeconds(2));
  }

  @Test
  void rejecting_cancels_a_batch_that_awaits_approval_before_anything_ran() {
    Batch rejected = Batches.pending(4).reject(T0.plusSeconds(2));

    assertThat(rejected.status()).isEqualTo(BatchStatus.CANCELLED);
    assertThat(rejected.times().startedAt()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = BatchStatus.class,
      names = {"PENDING"},
      mode = EnumSource.Mode.EXCLUDE)
  void only_a_batch_that_awaits_approval_can_be_approved_or_rejected(BatchStatus status) {
    Batch batch = Batches.in(status);

    assertThat(batch.awaitsApproval()).isFalse();
    assertThatThrownBy(() -> batch.approve(T0)).isInstanceOf(InvalidStateTransition.class);
    assertThatThrownBy(() -> batch.reject(T0)).isInstanceOf(InvalidStateTransition.class);
  }

  @Test
  void pause_and_resume_round_trip_a_running_batch() {
    Batch paused = Batches.running(3).pause(T0.plusSeconds(1));
    assertThat(paused.status()).isEqualTo(BatchStatus.PAUSED);
    assertThat(paused.times().pausedAt()).contains(T0.plusSeconds(1));

    Batch resumed = paused.resume();
    assertThat(resumed.status()).isEqualTo(BatchStatus.RUNNING);
    assertThat(resumed.times().pausedAt()).isEmpty();
  }

  @Test
  void a_paused_batch_says_why_and_resuming_forgets_the_reason() {
    Batch paused = Batches.running(3).pause(T0);
    assertThat(paused.pauseReason()).contains(PauseReason.REQUESTED);
    assertThat(paused.isOutOfBudget()).isFalse();

    Batch broke = Batches.running(3).pause(PauseReason.BUDGET_EXHAUSTED, T0);
    assertThat(broke.pauseReason()).contains(PauseReason.BUDGET_EXHAUSTED);
    assertThat(broke.isOutOfBudget()).isTrue();
    assertThat(broke.resume().pauseReason()).isEmpty();
    assertThat(broke.cancel(T0).pauseReason()).isEmpty();
  }

  @Test
  void a_new_budget_keeps_what_the_batch_spent_and_holds() {
    Batch spending =
        Batches.running(3)
            .withSpend(
                new dev.spool.domain.money.BatchSpend(
                    java.util.Optional.of(dev.spool.domain.money.Money.usd("1")),
                    dev.spool.domain.money.Money.usd("0.9"),
                    dev.spool.domain.money.Money.usd("0.05")));
    Batch raised =
        spending.withBudget(java.util.Optional.of(dev.spool.domain.money.Money.usd("2")));
    assertThat(raised.spend().spent()).isEqualTo(dev.spool.domain.money.Money.usd("0.9"));
    assertThat(raised.spend().reserved()).isEqualTo(dev.spool.domain.money.Money.usd("0.05"));
    assertThat(raised.spend().headroom()).contains(dev.spool.domain.money.Money.usd("1.05"));
  }

  @ParameterizedTest
  @EnumSource(
      value = BatchStatus.class,
      names = {"COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED", "CANCELLED"})
  void pause_resume_and_cancel_are_refused_on_finished_batches(BatchStatus finished) {
    Batch batch = Batches.in(finished);

    assertThatThrownBy(() -> batch.pause(T0)).isInstanceOf(InvalidStateTransition.class);
    assertThatThrownBy(batch::resume).isInstanceOf(InvalidStateTransition.class);
    assertThatThrownBy(() -> batch.cancel(T0)).isInstanceOf(InvalidStateTransition.class);
  }

  @Test
  void pausing_a_paused_batch_is_refused_naming_both_states() {
    Batch paused = Batches.in(BatchStatus.PAUSED);

    assertThatThrownBy(() -> paused.pause(T0))
        .isInstanceOf(InvalidStateTransition.class)
        .hasMessageContaining("paused to paused");
  }

  @Test
  void resuming_is_refused_unless_paused_even_where_running_is_reachable() {
    assertThatThrownBy(() -> Batches.in(BatchStatus.FAILED).resume())
        .isInstanceOf(InvalidStateTransition.class)
        .hasMessageContaining("failed to running");
    assertThatThrownBy(() -> Batches.in(BatchStatus.RUNNING).resume())
        .isInstanceOf(InvalidStateTransition.class);
  }

  @ParameterizedTest
  @EnumSource(
      value = BatchStatus.class,
      names = {"PENDING", "RUNNING", "PAUSED"})
  void cancelling_an_unfinished_batch_finishes_it(BatchStatus status) {
    Batch cancelled = Batches.in(status).cancel(T0.plusSeconds(9));

    assertThat(cancelled.status()).isEqualTo(BatchStatus.CANCELLED);
    assertThat(cancelled.times().completedAt()).contains(T0.plusSeconds(9));
  }

  @Test
  void a_drained_batch_with_every_item_completed_is_completed() {
    assertThat(Batches.finishedWith(5, 0).status()).isEqualTo(BatchStatus.COMPLETED);
  }

  @Test
  void a_drained_batch_with_some_failures_is_completed_with_errors() {
    assertThat(Batches.finishedWith(4, 1).status()).isEqualTo(BatchStatus.COMPLETED_WITH_ERRORS);
  }

  @Test
  void a_drained_batch_with_nothing_completed_is_failed() {
    assertThat(Batches.finishedWith(0, 3).status()).isEqualTo(BatchStatus.FAILED);
  }

  @Test
  void a_batch_with_work_left_does_not_finish() {
    Batch running = Batches.running(3).withCounts(new ItemCounts(3, 2, 0, 0, 1));

    assertThat(running.finishIfDrained(T0)).isEmpty();
    assertThat(running.withCounts(new ItemCounts(3, 2, 0, 0, 0)).finishIfDrained(T0)).isEmpty();
  }

  @Test
  void a_paused_batch_does_not_finish_even_when_drained() {
    Batch paused = Batches.running(1).withCounts(new ItemCounts(1, 1, 0, 0, 0)).pause(T0);

    assertThat(paused.finishIfDrained(T0)).isEmpty();
  }

  @Test
  void retrying_failed_items_reopens_a_batch_that_ended_with_failures() {
    for (BatchStatus status : EnumSet.of(BatchStatus.COMPLETED_WITH_ERRORS, BatchStatus.FAILED)) {
      Batch reopened = Batches.in(status).retryFailed();

      assertThat(reopened.status()).isEqualTo(BatchStatus.RUNNING);
      assertThat(reopened.times().completedAt()).isEmpty();
      assertThat(reopened.failureReason()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = BatchStatus.class,
      names = {"PENDING", "RUNNING", "PAUSED", "COMPLETED", "CANCELLED"})
  void retrying_failed_items_is_refused_elsewhere(BatchStatus status) {
    assertThatThrownBy(() -> Batches.in(status).retryFailed())
        .isInstanceOf(InvalidStateTransition.class);
  }

  @Test
  void a_batch_fatal_error_fails_a_running_batch_at_once_with_its_reason() {
    Batch running = Batches.running(10).withCounts(new ItemCounts(10, 3, 0, 0, 2));

    Batch failed = running.failFatally("provider rejected the API key", T0).orElseThrow();

    assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
    assertThat(failed.failureReason()).contains("provider rejected the API key");
    assertThat(failed.counts().completed()).isEqualTo(3);
  }

  @Test
  void a_batch_fatal_error_leaves_a_batch_that_is_not_running_alone() {
    assertThat(Batches.in(BatchStatus.PAUSED).failFatally("x", T0)).isEmpty();
    assertThat(Batches.in(BatchStatus.FAILED).failFatally("x", T0)).isEmpty();
  }

  @Test
  void elapsed_time_runs_from_start_to_finish() {
    Batch batch = Batches.pending(1).start(T0);
    assertThat(batch.elapsed(T0.plusSeconds(7))).isEqualTo(Duration.ofSeconds(7));

    Batch done =
        batch
            .withCounts(new ItemCounts(1, 1, 0, 0, 0))
            .finishIfDrained(T0.plusSeconds(3))
            .orElseThrow();
    assertThat(done.elapsed(T0.plusSeconds(100))).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void ownership_is_by_user_id() {
    Batch batch = Batches.pending(1);

    assertThat(batch.isOwnedBy(Batches.OWNER)).isTrue();
    assertThat(batch.isOwnedBy(new UserId(java.util.UUID.randomUUID()))).isFalse();
  }
}
