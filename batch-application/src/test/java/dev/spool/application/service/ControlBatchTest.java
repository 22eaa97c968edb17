package dev.spool.application.service;

import static dev.spool.application.fake.SpoolTestKit.OWNER;
import static dev.spool.application.fake.SpoolTestKit.STRANGER;
import static dev.spool.application.fake.SpoolTestKit.questions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.application.Spool;
import dev.spool.application.contract.StoreFixtures;
import dev.spool.application.fake.SpoolTestKit;
import dev.spool.application.model.PageRequest;
import dev.spool.application.port.in.CancelBatch;
import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.ItemOutcome;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchNotFound;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.InvalidStateTransition;
import dev.spool.domain.batch.NotBatchOwner;
import dev.spool.domain.event.BatchCompleted;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pause, resume, cancel, retry-failed and delete, without a dispatcher running. */
class ControlBatchTest {
  private final SpoolTestKit kit = new SpoolTestKit();
  private final Spool spool = kit.node("node-a");

  @AfterEach
  void close() {
    kit.close();
  }

  private Batch create(int items) {
    return spool.useCases().createBatch().create(questions(OWNER, items, items, 2)).batch();
  }

  /** Completes the first {@code n} pending items as a dispatcher would have. */
  private void complete(BatchId batch, int n) {
    kit.fakes()
        .database()
        .run(() -> {
          List<ClaimedItem> claimed = kit.fakes().queue().claim("test", n, Duration.ofMinutes(1));
          kit.fakes()
              .queue()
              .record(
                  claimed.stream()
                      .<ItemOutcome>map(c ->
                          ItemOutcome.completed(
                              c.item(),
                              StoreFixtures.questionId(),
                              StoreFixtures.question(),
                              Instant.now()))
                      .toList());
        });
  }

  @Test
  void a_running_batch_pauses_and_resumes() {
    Batch batch = create(3);

    Batch paused = spool.useCases().pauseBatch().pause(OWNER, batch.id());
    Batch resumed = spool.useCases().resumeBatch().resume(OWNER, batch.id());

    assertThat(paused.status()).isEqualTo(BatchStatus.PAUSED);
    assertThat(resumed.status()).isEqualTo(BatchStatus.RUNNING);
    assertThat(kit.events(batch.id()))
        .extracting(e -> e.event().type())
        .containsSubsequence(
            "batch.started", "batch.paused", "batch.progress", "batch.resumed", "batch.progress");
  }

  @Test
  void pausing_a_paused_batch_is_an_invalid_transition() {
    Batch batch = create(3);
    spool.useCases().pauseBatch().pause(OWNER, batch.id());

    assertThatThrownBy(() -> spool.useCases().pauseBatch().pause(OWNER, batch.id()))
        .isInstanceOf(InvalidStateTransition.class)
        .hasMessageContaining("from paused to paused");
    assertThatThrownBy(() -> spool.useCases().resumeBatch().resume(OWNER, create(1).id()))
        .isInstanceOf(InvalidStateTransition.class)
        .hasMessageContaining("from running to running");
  }

  @Test
  void cancelling_keeps_completed_items_and_reports_both_counts() {
    Batch batch = create(10);
    complete(batch.id(), 4);

    CancelBatch.Result result = spool.useCases().cancelBatch().cancel(OWNER, batch.id());

    assertThat(result.batch().status()).isEqualTo(BatchStatus.CANCELLED);
    assertThat(result.completedItems()).isEqualTo(4);
    assertThat(result.cancelledItems()).isEqualTo(6);
    assertThat(kit.batch(batch.id()).counts().completed()).isEqualTo(4);
  }

  @Test
  void every_control_is_refused_on_a_finished_batch() {
    Batch batch = create(2);
    spool.useCases().cancelBatch().cancel(OWNER, batch.id());

    assertThatThrownBy(() -> spool.useCases().pauseBatch().pause(OWNER, batch.id()))
        .isInstanceOf(InvalidStateTransition.class);
    assertThatThrownBy(() -> spool.useCases().resumeBatch().resume(OWNER, batch.id()))
        .isInstanceOf(InvalidStateTransition.class);
    assertThatThrownBy(() -> spool.useCases().cancelBatch().cancel(OWNER, batch.id()))
        .isInstanceOf(InvalidStateTransition.class);
    assertThatThrownBy(() -> spool.useCases().retryFailedItems().retryFailed(OWNER, batch.id()))
        .isInstanceOf(InvalidStateTransition.class);
  }

  @Test
  void resuming_a_paused_batch_whose_items_all_finished_completes_it_once() {
    Batch batch = create(2);
    complete(batch.id(), 2);
    spool.useCases().pauseBatch().pause(OWNER, batch.id());

    Batch resumed = spool.useCases().resumeBatch().resume(OWNER, batch.id());

    assertThat(resumed.status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(kit.events(batch.id(), BatchCompleted.class)).hasSize(1);
  }

  @Test
  void only_a_finished_batch_can_be_deleted() {
    Batch batch = create(2);

    assertThatThrownBy(() -> spool.useCases().deleteBatch().delete(OWNER, batch.id()))
        .isInstanceOf(InvalidStateTransition.class)
        .hasMessageContaining("only finished batches can be deleted");

    spool.useCases().cancelBatch().cancel(OWNER, batch.id());
    spool.useCases().deleteBatch().delete(OWNER, batch.id());
    assertThatThrownBy(
            () -> spool.useCases().getBatch().get(OWNER, batch.id(), PageRequest.firstPage()))
        .isInstanceOf(BatchNotFound.class);
  }

  @Test
  void every_use_case_refuses_another_users_batch_and_unknown_ids() {
    Batch batch = create(2);
    BatchId unknown = new BatchId(UUID.randomUUID());
    List<Consumer<BatchId>> asStranger =
        List.of(
            id -> spool.useCases().pauseBatch().pause(STRANGER, id),
            id -> spool.useCases().resumeBatch().resume(STRANGER, id),
            id -> spool.useCases().cancelBatch().cancel(STRANGER, id),
            id -> spool.useCases().retryFailedItems().retryFailed(STRANGER, id),
            id -> spool.useCases().deleteBatch().delete(STRANGER, id),
            id -> spool.useCases().getBatch().get(STRANGER, id, PageRequest.firstPage()),
            id -> spool.useCases().getBatch().batch(STRANGER, id),
            id ->
                spool
                    .useCases()
                    .listItems()
                    .list(STRANGER, id, Optional.empty(), PageRequest.firstPage()),
            id -> spool.useCases().watchBatch().watch(STRANGER, id, OptionalLong.empty(), e -> {}));

    for (Consumer<BatchId> action : asStranger) {
      assertThatThrownBy(() -> action.accept(batch.id())).isInstanceOf(NotBatchOwner.class);
      assertThatThrownBy(() -> action.accept(unknown)).isInstanceOf(BatchNotFound.class);
    }
    assertThat(kit.batch(batch.id()).status()).isEqualTo(BatchStatus.RUNNING);
  }
}
