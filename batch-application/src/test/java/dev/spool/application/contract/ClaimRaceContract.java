package dev.spool.application.contract;

import static dev.spool.application.contract.StoreFixtures.now;
import static dev.spool.application.contract.StoreFixtures.question;
import static dev.spool.application.contract.StoreFixtures.questionId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.model.PageRequest;
import dev.spool.application.model.StoredEvent;
import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.ItemOutcome;
import dev.spool.application.port.out.RecordResult;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.batch.ItemStatus;
import dev.spool.domain.batch.Lease;
import dev.spool.domain.event.BatchEvent;
import dev.spool.domain.event.BatchStatusChanged;
import dev.spool.domain.event.ItemStarted;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Claims racing each other and racing pause and cancel, as several nodes would. */
public abstract class ClaimRaceContract extends StoreTestBase {
  private static final int ROUNDS = 25;

  /** Claims like a dispatcher: the claim and its item.started events in one transaction. */
  private List<ClaimedItem> claimAsNode(String node, int max) {
    return store
        .transactions()
        .inTransaction(() -> {
          List<ClaimedItem> claimed = store.queue().claim(node, max, LEASE);
          store
              .events()
              .append(claimed.stream().<BatchEvent>map(ClaimedItem::startedEvent).toList());
          return claimed;
        });
  }

  @Test
  void no_claim_succeeds_once_a_pause_has_committed() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      raceAgainst(BatchStatusChanged.Change.PAUSED, b -> b.pause(now()));
    }
  }

  @Test
  void no_claim_succeeds_once_a_cancel_has_committed() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      raceAgainst(BatchStatusChanged.Change.CANCELLED, b -> b.cancel(now()));
    }
  }

  private void raceAgainst(BatchStatusChanged.Change change, UnaryOperator<Batch> transition)
      throws Exception {
    Batch batch = stored(400, 400).batch();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch started = new CountDownLatch(2);
    List<Thread> claimers = new ArrayList<>();
    for (int n = 0; n < 2; n++) {
      String node = "node-" + n;
      claimers.add(
          Thread.ofPlatform()
              .start(() -> {
                started.countDown();
                while (!stop.get()) {
                  claimAsNode(node, 2);
                }
              }));
    }
    started.await();
    Thread.sleep(5);
    store
        .transactions()
        .run(() -> {
          Batch locked = store.batches().lock(batch.id()).orElseThrow();
          store.batches().update(transition.apply(locked)).orElseThrow();
          store
              .events()
              .append(List.of(new BatchStatusChanged(batch.id(), change, locked.status(), now())));
        });
    Set<ItemId> startedAtControl = notPending(batch);
    Thread.sleep(20);
    stop.set(true);
    for (Thread claimer : claimers) {
      claimer.join();
    }

    assertThat(notPending(batch)).isEqualTo(startedAtControl);
    List<StoredEvent> events = store.events().readAfter(batch.id(), 0, 10_000);
    long controlSequence =
        events.stream()
            .filter(e -> e.event() instanceof BatchStatusChanged)
            .mapToLong(StoredEvent::sequence)
            .max()
            .orElseThrow();
    assertThat(events.stream().filter(e -> e.event() instanceof ItemStarted))
        .allSatisfy(e -> assertThat(e.sequence()).isLessThan(controlSequence));
  }

  private Set<ItemId> notPending(Batch batch) {
    Set<ItemId> ids = new java.util.HashSet<>();
    Optional<String> cursor = Optional.empty();
    do {
      var page = store.items().list(batch.id(), Optional.empty(), new PageRequest(200, cursor));
      page.items().stream()
          .filter(i -> i.status() == ItemStatus.IN_PROGRESS || i.status() == ItemStatus.COMPLETED)
          .map(BatchItem::id)
          .forEach(ids::add);
      cursor = page.nextCursor();
    } while (cursor.isPresent());
    return ids;
  }

  @Test
  void racing_nodes_claim_each_item_once_and_never_exceed_the_concurrency() throws Exception {
    int concurrency = 7;
    Batch batch = stored(300, concurrency).batch();
    Set<ItemId> claimedOnce = ConcurrentHashMap.newKeySet();
    AtomicInteger duplicates = new AtomicInteger();
    AtomicInteger mostInFlight = new AtomicInteger();
    List<Thread> nodes = new ArrayList<>();
    for (int n = 0; n < 3; n++) {
      String node = "node-" + n;
      nodes.add(
          Thread.ofPlatform()
              .start(() -> {
                int idle = 0;
                while (idle < 50) {
                  List<ClaimedItem> claimed = claimAsNode(node, 3);
                  idle = claimed.isEmpty() ? idle + 1 : 0;
                  int inFlight = reload(batch).counts().inFlight();
                  mostInFlight.accumulateAndGet(inFlight, Math::max);
                  for (ClaimedItem c : claimed) {
                    if (!claimedOnce.add(c.item().id())) {
                      duplicates.incrementAndGet();
                    }
                    record(ItemOutcome.completed(c.item(), questionId(), question(), now()));
                  }
                }
              }));
    }
    for (Thread node : nodes) {
      node.join();
    }

    Batch after = reload(batch);
    assertThat(duplicates.get()).isZero();
    assertThat(claimedOnce).hasSize(300);
    assertThat(after.counts().completed()).isEqualTo(300);
    assertThat(mostInFlight.get()).isBetween(1, concurrency);
    assertThat(claimedOnce.stream().map(i -> i).collect(Collectors.toSet())).hasSize(300);
  }

  /**
   * A lease renewal runs without the batch lock while outcomes are written in another order; on
   * PostgreSQL, two statements locking the same rows in different orders deadlock. The table is big
   * enough that rows are found through the index, in the order they are given.
   */
  @Test
  void renewing_leases_while_their_outcomes_are_written_neither_deadlocks_nor_loses_one()
      throws Exception {
    stored(30_000, 1);
    java.util.Random random = new java.util.Random(7);
    for (int round = 0; round < 3; round++) {
      List<ClaimedItem> claimed = new ArrayList<>();
      for (int b = 0; b < 20; b++) {
        stored(50, 50);
        claimed.addAll(claim(50));
      }
      List<Lease> leases = new ArrayList<>(claimed.stream().map(ClaimedItem::lease).toList());
      java.util.Collections.shuffle(leases, random);
      List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
      List<RecordResult> results = new ArrayList<>();
      AtomicBoolean writing = new AtomicBoolean(true);
      Thread renewer =
          Thread.ofPlatform()
              .start(() -> {
                try {
                  while (writing.get()) {
                    store.transactions().inTransaction(() -> store.queue().renew(leases, LEASE));
                  }
                } catch (Throwable t) {
                  errors.add(t);
                }
              });
      List<ClaimedItem> backwards = new ArrayList<>(claimed);
      java.util.Collections.shuffle(backwards, random);
      try {
        for (int from = 0; from < backwards.size(); from += 100) {
          List<ItemOutcome> outcomes =
              backwards.subList(from, from + 100).stream()
                  .<ItemOutcome>map(
                      c -> ItemOutcome.completed(c.item(), questionId(), question(), now()))
                  .toList();
          results.addAll(store.transactions().inTransaction(() -> store.queue().record(outcomes)));
        }
      } finally {
        writing.set(false);
        renewer.join();
      }

      assertThat(errors).as("renewal errors").isEmpty();
      assertThat(results).hasSize(claimed.size()).containsOnly(RecordResult.APPLIED);
    }
  }
}
