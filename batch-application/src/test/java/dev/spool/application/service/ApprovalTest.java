package dev.spool.application.service;

import static dev.spool.application.fake.SpoolTestKit.OWNER;
import static dev.spool.application.fake.SpoolTestKit.STRANGER;
import static dev.spool.application.fake.SpoolTestKit.itemList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.application.Spool;
import dev.spool.application.fake.SpoolTestKit;
import dev.spool.application.model.ApprovalPolicy;
import dev.spool.application.model.StoredEvent;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.InvalidStateTransition;
import dev.spool.domain.batch.ItemStatus;
import dev.spool.domain.batch.NotBatchOwner;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApprovalTest {
  private final SpoolTestKit kit = new SpoolTestKit();

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void a_batch_created_for_approval_waits_pending_and_dispatches_nothing_until_approved()
      throws Exception {
    Spool node = kit.started("n1");
    Batch batch =
        node.useCases().createBatch().create(itemList(OWNER, 5, 5).awaitingApproval()).batch();

    Thread.sleep(300);
    assertThat(batch.status()).isEqualTo(BatchStatus.PENDING);
    assertThat(kit.batch(batch.id()).status()).isEqualTo(BatchStatus.PENDING);
    assertThat(kit.items(batch.id()))
        .allSatisfy(i -> assertThat(i.status()).isEqualTo(ItemStatus.PENDING));
    assertThat(kit.generator().totalCalls()).isZero();
    assertThat(kit.events(batch.id()))
        .extracting(StoredEvent::type)
        .containsExactly("batch.awaiting_approval", "batch.progress");

    Batch approved = node.useCases().approveBatch().approve(OWNER, batch.id());

    assertThat(approved.status()).isEqualTo(BatchStatus.RUNNING);
    assertThat(kit.awaitFinished(batch.id()).status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(kit.events(batch.id())).extracting(StoredEvent::type).contains("batch.approved");
  }

  @Test
  void rejecting_cancels_it_with_nothing_run() {
    Spool node = kit.started("n1");
    Batch batch =
        node.useCases().createBatch().create(itemList(OWNER, 5, 5).awaitingApproval()).batch();

    Batch rejected = node.useCases().approveBatch().reject(OWNER, batch.id());

    assertThat(rejected.status()).isEqualTo(BatchStatus.CANCELLED);
    assertThat(rejected.counts().completed()).isZero();
    assertThat(rejected.counts().cancelled()).isEqualTo(5);
    assertThat(kit.generator().totalCalls()).isZero();
    assertThat(kit.events(batch.id())).extracting(StoredEvent::type).contains("batch.rejected");
    assertThatThrownBy(() -> node.useCases().approveBatch().approve(OWNER, batch.id()))
        .isInstanceOf(InvalidStateTransition.class);
  }

  @Test
  void only_the_owner_decides_and_only_a_waiting_batch_can_be_decided() {
    Spool node = kit.node("n1");
    Batch waiting =
        node.useCases().createBatch().create(itemList(OWNER, 2, 1).awaitingApproval()).batch();
    Batch running = node.useCases().createBatch().create(itemList(OWNER, 2, 1)).batch();

    assertThatThrownBy(() -> node.useCases().approveBatch().approve(STRANGER, waiting.id()))
        .isInstanceOf(NotBatchOwner.class);
    assertThatThrownBy(() -> node.useCases().approveBatch().reject(STRANGER, waiting.id()))
        .isInstanceOf(NotBatchOwner.class);
    assertThatThrownBy(() -> node.useCases().approveBatch().approve(OWNER, running.id()))
        .isInstanceOf(InvalidStateTransition.class);
    assertThat(running.status()).isEqualTo(BatchStatus.RUNNING);
  }

  @Test
  void a_batch_under_the_threshold_runs_at_once_though_it_asked_for_approval() {
    Spool node = kit.approval(new ApprovalPolicy(20, Optional.empty())).started("n1");

    Batch small =
        node.useCases().createBatch().create(itemList(OWNER, 19, 5).awaitingApproval()).batch();
    Batch large =
        node.useCases().createBatch().create(itemList(OWNER, 20, 5).awaitingApproval()).batch();

    assertThat(small.status()).isEqualTo(BatchStatus.RUNNING);
    assertThat(large.status()).isEqualTo(BatchStatus.PENDING);
    assertThat(kit.awaitFinished(small.id()).status()).isEqualTo(BatchStatus.COMPLETED);
  }

  @Test
  void the_cost_threshold_needs_a_price_and_compares_the_projected_cost() {
    assertThat(
            new ApprovalPolicy(0, Optional.of(dev.spool.domain.money.Money.usd("1.00")))
                .requires(1_000, Optional.of(dev.spool.domain.money.Money.usd("0.99"))))
        .isFalse();
    assertThat(
            new ApprovalPolicy(0, Optional.of(dev.spool.domain.money.Money.usd("1.00")))
                .requires(1_000, Optional.of(dev.spool.domain.money.Money.usd("1.00"))))
        .isTrue();
    assertThat(
            new ApprovalPolicy(0, Optional.of(dev.spool.domain.money.Money.usd("1.00")))
                .requires(1, Optional.empty()))
        .as("no price: nothing to compare, so it waits")
        .isTrue();
    assertThat(ApprovalPolicy.ALWAYS.requires(1, Optional.empty())).isTrue();
  }
}
