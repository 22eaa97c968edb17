package dev.spool.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.model.OwnerAccount;
import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.ItemOutcome;
import dev.spool.application.port.out.RecordResult;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.fairness.OwnerPolicy;
import dev.spool.domain.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Budgets and owner quotas in the claim statements themselves, on PostgreSQL: what a claim
 * reserves, what an outcome settles, and that neither two nodes nor a crashed attempt can make a
 * budget reserve or charge more than it should.
 */
class BudgetIT {
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final Money EST = new Money(1_000);
  private PostgresStoreFixture fixture;
  private PostgresStore otherNode;

  @BeforeEach
  void open() {
    fixture = new PostgresStoreFixture();
    otherNode = PostgresStore.open(fixture.database.dataSource(), PostgresSettings.defaults());
  }

  @AfterEach
  void close() {
    otherNode.close();
    fixture.close();
  }

  private Batch budgeted(UserId owner, int items, int concurrency, Money budget) {
    Batch batch = TestBatches.running(fixture.store, owner, items, concurrency);
    Batch locked =
        fixture
            .store
            .transactions()
            .inTransaction(() -> fixture.store.batches().lock(batch.id()))
            .orElseThrow();
    return fixture.store.batches().update(locked.withBudget(Optional.of(budget))).orElseThrow();
  }

  private List<ClaimedItem> claim(PostgresStore store, int max) {
    return store.queue().claim("node", max, LEASE, EST);
  }

  private Batch batch(BatchId id) {
    return fixture.store.batches().find(id).orElseThrow();
  }

  private static List<ItemOutcome> released(List<ClaimedItem> claimed, Money each) {
    List<ItemOutcome> outcomes = new ArrayList<>();
    for (ClaimedItem c : claimed) {
      outcomes.add(
          ItemOutcome.of(c.item().release(Instant.now())).costing(each).releasing(c.reserved()));
    }
    return outcomes;
  }

  @Test
  void a_claim_reserves_the_first_estimate_per_item_and_stops_where_the_budget_ends() {
    Batch batch = budgeted(new UserId(UUID.randomUUID()), 50, 50, EST.times(5));

    List<ClaimedItem> first = claim(fixture.store, 20);

    assertThat(first).hasSize(5).allSatisfy(c -> assertThat(c.reserved()).isEqualTo(EST));
    assertThat(batch(batch.id()).spend().reserved()).isEqualTo(EST.times(5));
    assertThat(claim(fixture.store, 20)).isEmpty();
    // not paused while its calls are in flight: they may settle for less than they reserved
    assertThat(fixture.store.queue().unaffordable(EST, 10)).isEmpty();
  }

  @Test
  void
      settling_charges_the_real_cost_releases_the_reservation_and_moves_the_estimate_to_the_mean() {
    Batch batch = budgeted(new UserId(UUID.randomUUID()), 50, 50, EST.times(5));
    List<ClaimedItem> claimed = claim(fixture.store, 20);

    assertThat(fixture.store.queue().record(released(claimed, new Money(800))))
        .containsOnly(RecordResult.APPLIED);

    Batch settled = batch(batch.id());
    assertThat(settled.spend().spent()).isEqualTo(new Money(4_000));
    assertThat(settled.spend().reserved()).isEqualTo(Money.ZERO);
    assertThat(settled.spend().charged()).isEqualTo(5);
    // 1,000 left at 800 a call: one more
    List<ClaimedItem> last = claim(fixture.store, 20);
    assertThat(last)
        .singleElement()
        .satisfies(c -> assertThat(c.reserved()).isEqualTo(new Money(800)));
    assertThat(fixture.store.queue().unaffordable(EST, 10)).isEmpty();
    fixture.store.queue().record(released(last, new Money(800)));
    // 200 left, less than the next call: now nothing in flight could make room
    assertThat(fixture.store.queue().unaffordable(EST, 10)).containsExactly(batch.id());
  }

  @Test
  void a_crashed_attempt_is_charged_its_reservation_once_and_a_late_outcome_charges_nothing() {
    Batch batch = budgeted(new UserId(UUID.randomUUID()), 10, 10, EST.times(100));
    List<ClaimedItem> crashed = fixture.store.queue().claim("dead", 3, Duration.ofMillis(1), EST);
    assertThat(crashed).hasSize(3);

    List<ClaimedItem> expired = awaitExpired(3);
    List<ItemOutcome> recovered = new ArrayList<>();
    for (ClaimedItem c : expired) {
      recovered.add(
          ItemOutcome.of(c.item().release(Instant.now()))
              .costing(c.reserved())
              .releasing(c.reserved()));
    }
    assertThat(fixture.store.queue().record(recovered)).containsOnly(RecordResult.APPLIED);
    // the dead node's own outcomes arrive late, and are refused by their leases
    assertThat(fixture.store.queue().record(released(crashed, EST.times(7))))
        .containsOnly(RecordResult.LEASE_LOST);
    assertThat(fixture.store.queue().record(recovered)).containsOnly(RecordResult.LEASE_LOST);

    Batch after = batch(batch.id());
    assertThat(after.spend().spent()).isEqualTo(EST.times(3));
    assertThat(after.spend().reserved()).isEqualTo(Money.ZERO);
    assertThat(fixture.store.owners().account(batch.ownerId()).reserved()).isEqualTo(Money.ZERO);
  }

  private List<ClaimedItem> awaitExpired(int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<ClaimedItem> expired = List.of();
    while (expired.size() < count && System.nanoTime() < deadline) {
      expired = fixture.store.queue().expired(count);
    }
    assertThat(expired).hasSize(count);
    return expired;
  }

  /**
   * An outcome write charges the owner's month, and the same transaction may then claim from
   * another batch (its refill). Two nodes doing that for one owner at once used to deadlock: one
   * held the owner's spend row and waited for the other's batch, the other held that batch and
   * waited for the spend row. The charge now comes last in its transaction.
   */
  @Test
  void two_nodes_charging_one_owner_while_taking_each_others_batch_do_not_deadlock()
      throws Exception {
    UserId owner = new UserId(UUID.randomUUID());
    Batch one = TestBatches.running(fixture.store, owner, 3, 3);
    Batch two = TestBatches.running(fixture.store, owner, 3, 3);
    List<ClaimedItem> claimed = claim(fixture.store, 6);
    assertThat(claimed).hasSize(6);
    List<ClaimedItem> ofOne =
        claimed.stream().filter(c -> c.item().batchId().equals(one.id())).toList();
    List<ClaimedItem> ofTwo =
        claimed.stream().filter(c -> c.item().batchId().equals(two.id())).toList();
    java.util.concurrent.CountDownLatch firstRecorded = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch secondHoldsItsBatch =
        new java.util.concurrent.CountDownLatch(1);

    try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
      Future<?> first =
          nodes.submit(() ->
              fixture
                  .store
                  .transactions()
                  .inTransaction(() -> {
                    fixture.store.batches().lock(one.id());
                    fixture.store.queue().record(released(ofOne, new Money(500)));
                    firstRecorded.countDown();
                    await(secondHoldsItsBatch);
                    return fixture.store.batches().lock(two.id()); // as a refill claim would
                  }));
      Future<?> second =
          nodes.submit(() ->
              otherNode
                  .transactions()
                  .inTransaction(() -> {
                    await(firstRecorded);
                    otherNode.batches().lock(two.id());
                    secondHoldsItsBatch.countDown();
                    return otherNode.queue().record(released(ofTwo, new Money(500)));
                  }));
      first.get(30, java.util.concurrent.TimeUnit.SECONDS);
      second.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    assertThat(fixture.store.owners().account(owner).monthSpent()).isEqualTo(new Money(3_000));
    assertThat(batch(one.id()).spend().spent()).isEqualTo(new Money(1_500));
    assertThat(batch(two.id()).spend().spent()).isEqualTo(new Money(1_500));
  }

  private static void await(java.util.concurrent.CountDownLatch latch) {
    try {
      assertThat(latch.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void two_nodes_claiming_at_once_never_reserve_more_than_the_budget() throws Exception {
    Batch batch = budgeted(new UserId(UUID.randomUUID()), 500, 500, EST.times(37));
    UserId other = new UserId(UUID.randomUUID());
    TestBatches.running(fixture.store, other, 500, 500);

    List<ClaimedItem> all = claimOnTwoNodes(2);

    long ofBudgeted = all.stream().filter(c -> c.item().batchId().equals(batch.id())).count();
    assertThat(ofBudgeted).isEqualTo(37);
    assertThat(batch(batch.id()).spend().reserved()).isEqualTo(EST.times(37));
  }

  /** Both nodes claim {@code perClaim} at a time until neither gets anything twice in a row. */
  private List<ClaimedItem> claimOnTwoNodes(int perClaim) throws Exception {
    List<ClaimedItem> all = java.util.Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
      List<Future<?>> runs = new ArrayList<>();
      for (PostgresStore store : List.of(fixture.store, otherNode)) {
        runs.add(
            nodes.submit(() -> {
              int empty = 0;
              while (empty < 20) {
                List<ClaimedItem> got = claim(store, perClaim);
                all.addAll(got);
                empty = got.isEmpty() ? empty + 1 : 0;
              }
            }));
      }
      for (Future<?> run : runs) {
        run.get();
      }
    }
    return all;
  }

  @Test
  void an_owners_monthly_budget_holds_over_all_its_batches_and_its_spend_is_kept_by_month() {
    UserId owner = new UserId(UUID.randomUUID());
    fixture
        .store
        .owners()
        .configure(
            Map.of(
                owner,
                new OwnerPolicy(
                    1, OptionalInt.empty(), OptionalDouble.empty(), Optional.of(EST.times(6)))));
    Batch one = TestBatches.running(fixture.store, owner, 50, 50);
    Batch two = TestBatches.running(fixture.store, owner, 50, 50);

    List<ClaimedItem> claimed = claim(fixture.store, 50);
    assertThat(claimed).hasSize(6);
    assertThat(claimed).extracting(c -> c.item().batchId()).contains(one.id(), two.id());
    OwnerAccount holding = fixture.store.owners().account(owner);
    assertThat(holding.reserved()).isEqualTo(EST.times(6));
    assertThat(holding.monthLeft()).contains(Money.ZERO);
    assertThat(fixture.store.queue().unaffordable(EST, 10)).isEmpty();

    fixture.store.queue().record(released(claimed, new Money(1_000)));
    assertThat(fixture.store.queue().unaffordable(EST, 10))
        .containsExactlyInAnyOrder(one.id(), two.id());
    assertThat(claim(fixture.store, 50)).isEmpty();
    OwnerAccount settled = fixture.store.owners().account(owner);
    assertThat(settled.monthSpent()).isEqualTo(new Money(6_000));
    assertThat(settled.reserved()).isEqualTo(Money.ZERO);
    assertThat(settled.policy().monthlyBudget()).contains(EST.times(6));
  }

  @Test
  void an_owners_in_flight_quota_holds_over_its_batches_and_both_nodes() throws Exception {
    UserId owner = new UserId(UUID.randomUUID());
    fixture
        .store
        .owners()
        .configure(
            Map.of(
                owner,
                new OwnerPolicy(1, OptionalInt.of(7), OptionalDouble.empty(), Optional.empty())));
    TestBatches.running(fixture.store, owner, 100, 100);
    TestBatches.running(fixture.store, owner, 100, 100);
    UserId free = new UserId(UUID.randomUUID());
    TestBatches.running(fixture.store, free, 30, 100);

    List<ClaimedItem> all = claimOnTwoNodes(3);

    assertThat(all.stream().filter(c -> c.owner().equals(owner)).count()).isEqualTo(7);
    assertThat(all.stream().filter(c -> c.owner().equals(free)).count()).isEqualTo(30);
    assertThat(fixture.store.owners().account(owner).inFlight()).isEqualTo(7);
  }

  @Test
  void an_owners_call_quota_lets_through_a_burst_then_its_rate() throws Exception {
    UserId owner = new UserId(UUID.randomUUID());
    // 20 calls a second: a burst of 2, then one every 50 ms
    fixture
        .store
        .owners()
        .configure(
            Map.of(
                owner,
                new OwnerPolicy(1, OptionalInt.empty(), OptionalDouble.of(20), Optional.empty())));
    TestBatches.running(fixture.store, owner, 1_000, 1_000);

    long start = System.nanoTime();
    int claimed = 0;
    while (System.nanoTime() - start < Duration.ofMillis(1_000).toNanos()) {
      claimed += claim(fixture.store, 50).size();
    }
    // a burst of 2 and 20 a second for one second; the clock of the claims is the database's
    assertThat(claimed).isBetween(15, 23);
  }
}
