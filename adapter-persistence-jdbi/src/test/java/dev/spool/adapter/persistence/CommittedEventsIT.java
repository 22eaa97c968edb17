package dev.spool.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.model.CommittedEvent;
import dev.spool.application.model.FeedPosition;
import dev.spool.application.model.StoredEvent;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.batch.PauseReason;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.event.BatchEvent;
import dev.spool.domain.event.BatchProgressed;
import dev.spool.domain.event.BatchStatusChanged;
import dev.spool.domain.event.ItemStarted;
import dev.spool.domain.progress.Progress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batch-level events that the owner feed and the webhook outbox follow, read in commit order
 * from PostgreSQL: a reader that resumes after the last position it got never passes an event that
 * commits later, and never sees one that rolled back.
 */
class CommittedEventsIT {
  private PostgresStoreFixture fixture;
  private final UserId owner = new UserId(UUID.randomUUID());
  private final UserId other = new UserId(UUID.randomUUID());

  @BeforeEach
  void open() {
    fixture = new PostgresStoreFixture();
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private static BatchEvent paused(Batch batch) {
    return new BatchStatusChanged(
        batch.id(),
        BatchStatusChanged.Change.PAUSED,
        BatchStatus.PAUSED,
        Optional.of(PauseReason.REQUESTED),
        Instant.now());
  }

  private static BatchEvent resumed(Batch batch) {
    return new BatchStatusChanged(
        batch.id(), BatchStatusChanged.Change.RESUMED, BatchStatus.RUNNING, Instant.now());
  }

  private void append(BatchEvent... events) {
    fixture.store.transactions().run(() -> fixture.store.events().append(List.of(events)));
  }

  private List<CommittedEvent> after(FeedPosition position, Optional<UserId> whose) {
    return fixture.store.events().committedAfter(position, whose, 100);
  }

  @Test
  void an_open_transaction_holds_back_its_events_and_every_later_commit_until_it_ends()
      throws Exception {
    Batch a = TestBatches.running(fixture.store, owner, 2, 1);
    Batch b = TestBatches.running(fixture.store, owner, 2, 1);
    FeedPosition head = fixture.store.events().committedHead();
    CountDownLatch appended = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> slow =
        CompletableFuture.runAsync(() ->
            fixture
                .store
                .transactions()
                .run(() -> {
                  fixture.store.events().append(List.of(paused(a)));
                  appended.countDown();
                  try {
                    release.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
    append(paused(b));

    assertThat(after(head, Optional.of(owner)))
        .as("b committed, but after a began: it waits for a")
        .isEmpty();

    release.countDown();
    slow.get(30, TimeUnit.SECONDS);
    List<CommittedEvent> read = after(head, Optional.of(owner));
    assertThat(read).extracting(e -> e.event().batchId()).containsExactly(a.id(), b.id());
    assertThat(read.get(0).position()).isLessThan(read.get(1).position());
    assertThat(after(read.getLast().position(), Optional.of(owner))).isEmpty();
  }

  @Test
  void a_committed_status_change_wakes_a_waiting_reader_through_the_notification()
      throws Exception {
    Batch a = TestBatches.running(fixture.store, owner, 2, 1);
    // the listener connects in the background and counts its connect as a change (anything may
    // have changed while it was away): wait until one commit has come through it first
    long before = fixture.store.events().commitSignal();
    append(resumed(a));
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> fixture.store.events().commitSignal() > before);
    Thread.sleep(300);
    long seen = fixture.store.events().commitSignal();
    CompletableFuture<Void> waiter =
        CompletableFuture.runAsync(() -> {
          try {
            fixture.store.events().awaitCommitted(seen, java.time.Duration.ofMinutes(10));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    Thread.sleep(300);
    assertThat(waiter).as("nothing committed yet").isNotDone();

    append(paused(a));

    waiter.get(30, TimeUnit.SECONDS);
    assertThat(fixture.store.events().commitSignal()).isGreaterThan(seen);
  }

  @Test
  void a_rolled_back_event_is_never_read() {
    Batch a = TestBatches.running(fixture.store, owner, 2, 1);
    FeedPosition head = fixture.store.events().committedHead();
    try {
      fixture
          .store
          .transactions()
          .run(() -> {
            fixture.store.events().append(List.of(paused(a)));
            throw new IllegalStateException("roll back");
          });
    } catch (IllegalStateException expected) {
      // rolled back
    }
    append(resumed(a));

    assertThat(after(head, Optional.empty()))
        .extracting(e -> e.event().type())
        .containsExactly("batch.resumed");
  }

  @Test
  void an_owner_reads_only_their_batches_and_never_item_or_progress_events() {
    Batch mine = TestBatches.running(fixture.store, owner, 2, 1);
    Batch theirs = TestBatches.running(fixture.store, other, 2, 1);
    FeedPosition head = fixture.store.events().committedHead();
    append(
        new ItemStarted(mine.id(), new ItemId(UUID.randomUUID()), 0, 2, 1, Instant.now()),
        new BatchProgressed(
            mine.id(), Progress.of(mine.status(), mine.counts(), List.of()), Instant.now()),
        paused(mine),
        paused(theirs));

    assertThat(after(head, Optional.of(owner)))
        .singleElement()
        .satisfies(e -> {
          assertThat(e.owner()).isEqualTo(owner);
          assertThat(e.event().type()).isEqualTo("batch.paused");
          assertThat(e.jsonWithBatchId())
              .startsWith("{\"batchId\":\"" + mine.id().value() + "\",\"status\":\"paused\"");
        });
    assertThat(after(head, Optional.empty())).hasSize(2);
  }

  @Test
  void the_latest_progress_of_each_unfinished_batch_is_read_newest_batch_first() {
    Batch older = TestBatches.running(fixture.store, owner, 2, 1);
    Batch newer = TestBatches.running(fixture.store, owner, 3, 1);
    Progress first = Progress.of(older.status(), older.counts(), List.of());
    append(
        new BatchProgressed(older.id(), first, Instant.now()),
        new BatchProgressed(
            newer.id(), Progress.of(newer.status(), newer.counts(), List.of()), Instant.now()),
        new BatchProgressed(older.id(), first, Instant.now()));

    List<StoredEvent> latest = fixture.store.events().latestProgress(owner, Instant.now(), 10);

    assertThat(latest).extracting(StoredEvent::batchId).containsExactly(newer.id(), older.id());
    long lastOfOlder = fixture.store.events().readAfter(older.id(), 0, 100).getLast().sequence();
    assertThat(latest.get(1).sequence()).isEqualTo(lastOfOlder);
    assertThat(fixture.store.events().latestProgress(other, Instant.now(), 10)).isEmpty();
  }
}
