package dev.spool.application.dispatch;

import static dev.spool.application.fake.SpoolTestKit.OWNER;
import static dev.spool.application.fake.SpoolTestKit.questions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.Spool;
import dev.spool.application.contract.StoreFixtures;
import dev.spool.application.fake.SpoolTestKit;
import dev.spool.application.model.StoredEvent;
import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.ItemOutcome;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.batch.ItemStatus;
import dev.spool.domain.dispatch.BatchItemError;
import dev.spool.domain.event.BatchCompleted;
import dev.spool.domain.event.BatchStatusChanged;
import dev.spool.domain.event.ItemStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The six promises the dispatcher makes. Each test was checked by breaking its promise in the code
 * once and watching the test fail.
 */
class DispatcherGuaranteesTest {
  private final SpoolTestKit kit = new SpoolTestKit();

  @AfterEach
  void close() {
    kit.close();
  }

  private Set<ItemId> startedItems(BatchId batch) {
    return kit.allItems(batch).stream()
        .filter(i -> i.status() != ItemStatus.PENDING && i.status() != ItemStatus.CANCELLED)
        .map(BatchItem::id)
        .collect(Collectors.toSet());
  }

  /**
   * Three nodes run three batches; three threads pause (or cancel) them at random moments. From the
   * moment the control returns, no item that was not already started may start: none is generated,
   * and no item.started event follows the control's event.
   */
  private void strictControl(BiConsumer<Spool, BatchId> control, BatchStatusChanged.Change kind)
      throws InterruptedException {
    kit.generator().latency(Duration.ofMillis(6));
    List<Spool> nodes = List.of(kit.started("n1"), kit.started("n2"), kit.started("n3"));
    for (int round = 0; round < 8; round++) {
      List<BatchId> batches = new ArrayList<>();
      for (int b = 0; b < 3; b++) {
        batches.add(
            nodes.get(b).useCases().createBatch().create(questions(OWNER, 120, 6, 2)).batch().id());
      }
      var startedAtControl = new ConcurrentHashMap<BatchId, Set<ItemId>>();
      CountDownLatch done = new CountDownLatch(batches.size());
      for (int b = 0; b < batches.size(); b++) {
        BatchId batch = batches.get(b);
        Spool node = nodes.get(b);
        Thread.ofPlatform()
            .start(() -> {
              try {
                Thread.sleep(ThreadLocalRandom.current().nextInt(5, 40));
                control.accept(node, batch);
                startedAtControl.put(batch, startedItems(batch));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                done.countDown();
              }
            });
      }
      done.await();
      for (BatchId batch : batches) {
        kit.awaitBatch(batch, b -> b.counts().inFlight() == 0);
      }
      Thread.sleep(30);
      for (BatchId batch : batches) {
        Set<ItemId> allowed = startedAtControl.get(batch);
        Set<ItemId> generated =
            kit.allItems(batch).stream()
                .map(BatchItem::id)
                .filter(id -> kit.generator().callsFor(id) > 0)
                .collect(Collectors.toSet());
        assertThat(generated).isSubsetOf(allowed);
        assertThat(startedItems(batch)).isSubsetOf(allowed);
        List<StoredEvent> events = kit.events(batch);
        long controlSequence =
            events.stream()
                .filter(e -> e.event() instanceof BatchStatusChanged c && c.change() == kind)
                .mapToLong(StoredEvent::sequence)
                .max()
                .orElseThrow();
        assertThat(events)
            .filteredOn(e -> e.event() instanceof ItemStarted)
            .allSatisfy(e -> assertThat(e.sequence()).isLessThan(controlSequence));
      }
    }
  }

  @Test
  void guarantee_1_once_pause_returns_no_further_item_of_the_batch_starts() throws Exception {
    strictControl(
        (node, batch) -> node.useCases().pauseBatch().pause(OWNER, batch),
        BatchStatusChanged.Change.PAUSED);
  }

  @Test
  void guarantee_1_once_cancel_returns_no_further_item_of_the_batch_starts() throws Exception {
    strictControl(
        (node, batch) -> node.useCases().cancelBatch().cancel(OWNER, batch),
        BatchStatusChanged.Change.CANCELLED);
  }

  @Test
  void guarantee_2_items_in_flight_at_a_cancel_finish_and_their_results_are_kept() {
    kit.generator().latency(Duration.ofMillis(300));
    Spool spool = kit.started("n1");
    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 20, 4, 2)).batch();
    kit.awaitBatch(batch.id(), b -> b.counts().inFlight() == 4);

    var result = spool.useCases().cancelBatch().cancel(OWNER, batch.id());
    Batch after = kit.awaitBatch(batch.id(), b -> b.counts().inFlight() == 0);

    assertThat(result.cancelledItems()).isEqualTo(16);
    assertThat(after.status()).isEqualTo(BatchStatus.CANCELLED);
    assertThat(after.counts().completed()).isEqualTo(4);
    assertThat(after.counts().cancelled()).isEqualTo(16);
    List<BatchItem> completed =
        kit.items(batch.id()).stream().filter(i -> i.status() == ItemStatus.COMPLETED).toList();
    assertThat(completed)
        .hasSize(4)
        .allSatisfy(i ->
            assertThat(kit.fakes().items().question(i.questionId().orElseThrow())).isPresent());
  }

  @Test
  void guarantee_3_resume_continues_with_the_remaining_items_only() {
    kit.generator().latency(Duration.ofMillis(25));
    Spool spool = kit.started("n1");
    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 60, 4, 2)).batch();
    kit.awaitBatch(batch.id(), b -> b.counts().completed() >= 10);
    spool.useCases().pauseBatch().pause(OWNER, batch.id());
    Batch paused = kit.awaitBatch(batch.id(), b -> b.counts().inFlight() == 0);
    int callsWhilePaused = kit.generator().totalCalls();

    spool.useCases().resumeBatch().resume(OWNER, batch.id());
    Batch done = kit.awaitFinished(batch.id());

    assertThat(paused.counts().completed()).isBetween(10, 59);
    assertThat(done.status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(kit.generator().totalCalls() - callsWhilePaused)
        .isEqualTo(60 - paused.counts().completed());
    assertThat(kit.generator().callsPerItem().values()).allMatch(calls -> calls == 1);
  }

  @Test
  void guarantee_4_a_retry_of_failed_items_never_generates_a_completed_item_again() {
    kit.generator()
        .failWith(r ->
            r.itemId().value().getLeastSignificantBits() % 3 == 0
                ? BatchItemError.permanent("REFUSED", "content refused")
                : null);
    Spool spool = kit.started("n1");
    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 30, 5, 2)).batch();
    Batch first = kit.awaitFinished(batch.id());
    assertThat(first.status()).isEqualTo(BatchStatus.COMPLETED_WITH_ERRORS);
    Set<ItemId> failedFirst =
        kit.items(batch.id()).stream()
            .filter(i -> i.status() == ItemStatus.FAILED)
            .map(BatchItem::id)
            .collect(Collectors.toSet());

    kit.generator().failWith(r -> null);
    spool.useCases().retryFailedItems().retryFailed(OWNER, batch.id());
    Batch second = kit.awaitFinished(batch.id());

    assertThat(second.status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(failedFirst).isNotEmpty().hasSize(first.counts().failed());
    for (BatchItem item : kit.items(batch.id())) {
      assertThat(kit.generator().callsFor(item.id()))
          .isEqualTo(failedFirst.contains(item.id()) ? 2 : 1);
    }
  }

  @Test
  void guarantee_4_recovery_after_a_crash_never_generates_a_completed_item_again() {
    Batch batch =
        kit.node("n0").useCases().createBatch().create(questions(OWNER, 20, 20, 2)).batch();
    // A node claims every item, completes half, then dies holding the rest.
    List<ClaimedItem> held =
        kit.fakes()
            .database()
            .inTransaction(() -> kit.fakes().queue().claim("crashed", 20, Duration.ofSeconds(2)));
    for (ClaimedItem c : held.subList(0, 10)) {
      kit.fakes()
          .queue()
          .record(
              List.of(
                  ItemOutcome.completed(
                      c.item(),
                      StoreFixtures.questionId(),
                      StoreFixtures.question(),
                      Instant.now())));
    }
    Set<ItemId> completedByDeadNode =
        held.subList(0, 10).stream().map(c -> c.item().id()).collect(Collectors.toSet());

    kit.started("survivor");
    kit.fakes().clock().advance(Duration.ofSeconds(3));
    Batch done = kit.awaitFinished(batch.id());

    assertThat(done.status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(done.counts().completed()).isEqualTo(20);
    completedByDeadNode.forEach(id -> assertThat(kit.generator().callsFor(id)).isZero());
    assertThat(kit.generator().totalCalls()).isEqualTo(10);
    assertThat(kit.items(batch.id()))
        .filteredOn(i -> !completedByDeadNode.contains(i.id()))
        .allSatisfy(i -> assertThat(i.attempts()).isEqualTo(2));
  }

  @Test
  void guarantee_4_a_restarted_node_takes_back_its_items_at_once_and_skips_completed_ones() {
    Batch batch = kit.node("n0").useCases().createBatch().create(questions(OWNER, 6, 6, 2)).batch();
    List<ClaimedItem> held =
        kit.fakes()
            .database()
            .inTransaction(() -> kit.fakes().queue().claim("same-node", 6, Duration.ofHours(1)));
    kit.fakes()
        .queue()
        .record(
            List.of(
                ItemOutcome.completed(
                    held.getFirst().item(),
                    StoreFixtures.questionId(),
                    StoreFixtures.question(),
                    Instant.now())));

    kit.started("same-node");
    Batch done = kit.awaitFinished(batch.id());

    assertThat(done.counts().completed()).isEqualTo(6);
    assertThat(kit.generator().callsFor(held.getFirst().item().id())).isZero();
    assertThat(kit.generator().totalCalls()).isEqualTo(5);
  }

  @Test
  void guarantee_5_the_concurrency_limit_is_never_exceeded_across_nodes() {
    kit.generator().latency(Duration.ofMillis(3));
    kit.started("n1");
    kit.started("n2");
    Spool n3 = kit.started("n3");
    List<Batch> batches = new ArrayList<>();
    for (int concurrency : new int[] {1, 3, 5}) {
      batches.add(n3.useCases().createBatch().create(questions(OWNER, 60, concurrency, 2)).batch());
    }

    batches.forEach(b -> kit.awaitFinished(b.id()));

    assertThat(kit.generator().mostInFlight(batches.get(0).id())).isEqualTo(1);
    assertThat(kit.generator().mostInFlight(batches.get(1).id())).isBetween(2, 3);
    assertThat(kit.generator().mostInFlight(batches.get(2).id())).isBetween(3, 5);
  }

  /**
   * Three nodes finish twelve batches while leases keep expiring under them: recovery races the
   * original holders, so late outcomes that lost their lease keep arriving after batches finish.
   */
  @Test
  void guarantee_6_the_completion_event_is_published_exactly_once_per_batch()
      throws InterruptedException {
    kit.generator()
        .latency(Duration.ofMillis(3))
        .failWith(r ->
            ThreadLocalRandom.current().nextInt(4) == 0
                ? BatchItemError.retryable("FLAKY", "flaky provider")
                : null);
    List<Spool> nodes = List.of(kit.started("n1"), kit.started("n2"), kit.started("n3"));
    List<Batch> batches = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      batches.add(
          nodes.get(i % 3).useCases().createBatch().create(questions(OWNER, 25, 8, 10)).batch());
    }
    Thread expirer =
        Thread.ofPlatform()
            .start(() -> {
              while (!Thread.currentThread().isInterrupted()) {
                kit.fakes().clock().advance(Duration.ofSeconds(3));
                try {
                  Thread.sleep(40);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    try {
      for (Batch batch : batches) {
        kit.awaitFinished(batch.id());
      }
      Thread.sleep(300);
    } finally {
      expirer.interrupt();
      expirer.join();
    }

    for (Batch batch : batches) {
      assertThat(kit.events(batch.id(), BatchCompleted.class)).hasSize(1);
      Batch done = kit.batch(batch.id());
      assertThat(done.counts().completed() + done.counts().failed()).isEqualTo(25);
    }
  }
}
