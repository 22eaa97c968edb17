package dev.spool.application.contract;

import static dev.spool.application.contract.StoreFixtures.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spool.application.model.StoredEvent;
import dev.spool.application.model.Subscription;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.ItemCounts;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.event.BatchCompleted;
import dev.spool.domain.event.BatchEvent;
import dev.spool.domain.event.BatchProgressed;
import dev.spool.domain.event.BatchStatusChanged;
import dev.spool.domain.event.ItemCompleted;
import dev.spool.domain.event.ItemFailed;
import dev.spool.domain.event.ItemStarted;
import dev.spool.domain.progress.Progress;
import dev.spool.domain.question.QuestionId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The event log as a transactional outbox and a bus. */
public abstract class EventLogContract extends StoreTestBase {

  private BatchId batch() {
    return stored(3, 1).batch().id();
  }

  private static BatchEvent paused(BatchId batch) {
    return new BatchStatusChanged(
        batch, BatchStatusChanged.Change.PAUSED, BatchStatus.PAUSED, now());
  }

  private void appendCommitted(BatchEvent... events) {
    store.transactions().run(() -> store.events().append(List.of(events)));
  }

  /** One event of every kind, with every optional field both filled and empty somewhere. */
  static List<BatchEvent> everyKind(BatchId batch) {
    Instant at = now();
    ItemId item = new ItemId(UUID.randomUUID());
    return List.of(
        new ItemStarted(batch, item, 5, 20, 1, at),
        new ItemCompleted(
            batch, item, new QuestionId(UUID.randomUUID()), 5, 20, "Which valve?", at),
        new ItemFailed(
            batch,
            item,
            6,
            "VALIDATION",
            "ValidationEngineError: stem too short " + "(42 < 80 chars)",
            2,
            true,
            at),
        new BatchProgressed(
            batch, Progress.of(new ItemCounts(20, 5, 1, 0, 2), List.of(at, at.plusSeconds(2))), at),
        new BatchProgressed(batch, Progress.of(new ItemCounts(20, 0, 0, 0, 0), List.of()), at),
        new BatchStatusChanged(batch, BatchStatusChanged.Change.RESUMED, BatchStatus.RUNNING, at),
        new BatchCompleted(
            batch, BatchStatus.COMPLETED_WITH_ERRORS, 18, 2, 180_000, 0.1, Optional.empty(), at),
        new BatchCompleted(batch, BatchStatus.FAILED, 0, 0, 5, 0, Optional.of("bad key"), at));
  }

  @Test
  void every_kind_of_event_reads_back_as_it_was_written() {
    BatchId batch = batch();
    List<BatchEvent> events = everyKind(batch);

    appendCommitted(events.toArray(BatchEvent[]::new));

    List<StoredEvent> read = store.events().readAfter(batch, 0, 100);
    assertThat(read).extracting(StoredEvent::event).containsExactlyElementsOf(events);
    assertThat(read).extracting(StoredEvent::sequence).isSorted().doesNotHaveDuplicates();
    assertThat(store.events().latestSequence(batch)).isEqualTo(read.getLast().sequence());
  }

  @Test
  void events_of_a_rolled_back_transaction_never_appear() {
    BatchId batch = batch();
    List<StoredEvent> delivered = new CopyOnWriteArrayList<>();
    try (Subscription ignored = store.events().subscribe(batch, 0, delivered::add)) {
      assertThatThrownBy(() ->
              store
                  .transactions()
                  .run(() -> {
                    store.events().append(List.of(paused(batch)));
                    throw new IllegalStateException("roll back");
                  }))
          .hasMessage("roll back");
      BatchEvent committed = paused(batch);
      appendCommitted(committed);

      await().atMost(Duration.ofSeconds(5)).until(() -> !delivered.isEmpty());
      assertThat(store.events().readAfter(batch, 0, 10))
          .extracting(StoredEvent::event)
          .containsExactly(committed);
      assertThat(delivered).extracting(StoredEvent::event).containsExactly(committed);
    }
  }

  @Test
  void a_replay_from_n_returns_exactly_the_events_after_n() {
    BatchId batch = batch();
    for (int i = 0; i < 5; i++) {
      appendCommitted(paused(batch));
    }
    List<StoredEvent> all = store.events().readAfter(batch, 0, 100);

    List<StoredEvent> afterSecond = store.events().readAfter(batch, all.get(1).sequence(), 100);

    assertThat(afterSecond).containsExactlyElementsOf(all.subList(2, 5));
    assertThat(store.events().readAfter(batch, all.get(1).sequence(), 2))
        .containsExactlyElementsOf(all.subList(2, 4));
  }

  @Test
  void a_subscriber_gets_the_missed_events_then_live_ones_in_order_and_once() {
    BatchId batch = batch();
    BatchId other = batch();
    appendCommitted(paused(batch), paused(batch), paused(batch));
    long afterFirst = store.events().readAfter(batch, 0, 1).getFirst().sequence();
    List<StoredEvent> delivered = new CopyOnWriteArrayList<>();

    try (Subscription ignored = store.events().subscribe(batch, afterFirst, delivered::add)) {
      Thread writer =
          Thread.ofVirtual()
              .start(() -> {
                for (int i = 0; i < 20; i++) {
                  appendCommitted(paused(batch), paused(other));
                }
              });
      await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() >= 22);
      writer.join();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }

    List<StoredEvent> expected = store.events().readAfter(batch, afterFirst, 100);
    assertThat(expected).hasSize(22);
    assertThat(delivered).containsExactlyElementsOf(expected);
  }

  @Test
  void subscribers_joining_while_events_flow_each_get_every_event_from_where_they_began()
      throws InterruptedException {
    BatchId batch = batch();
    appendCommitted(paused(batch), paused(batch));
    int subscribers = 100;
    List<List<StoredEvent>> delivered = new CopyOnWriteArrayList<>();
    List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    Thread writer =
        Thread.ofVirtual()
            .start(() -> {
              for (int i = 0; i < 40; i++) {
                appendCommitted(paused(batch));
              }
            });
    for (int s = 0; s < subscribers; s++) {
      List<StoredEvent> seen = new CopyOnWriteArrayList<>();
      delivered.add(seen);
      subscriptions.add(store.events().subscribe(batch, 0, seen::add));
      Thread.sleep(1);
    }
    writer.join();
    try {
      List<StoredEvent> all = store.events().readAfter(batch, 0, 100);
      assertThat(all).hasSize(42);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> delivered.stream().allMatch(seen -> seen.size() >= all.size()));
      assertThat(delivered).allSatisfy(seen -> assertThat(seen).containsExactlyElementsOf(all));
    } finally {
      subscriptions.forEach(Subscription::close);
    }
  }

  @Test
  void a_closed_subscription_receives_nothing_more() throws InterruptedException {
    BatchId batch = batch();
    List<StoredEvent> delivered = new CopyOnWriteArrayList<>();
    Subscription subscription = store.events().subscribe(batch, 0, delivered::add);
    appendCommitted(paused(batch));
    await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);

    subscription.close();
    appendCommitted(paused(batch));
    Thread.sleep(300);

    assertThat(delivered).hasSize(1);
  }
}
