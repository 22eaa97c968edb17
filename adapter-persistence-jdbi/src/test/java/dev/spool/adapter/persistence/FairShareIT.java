package dev.spool.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.port.out.ClaimedItem;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Weighted fair share across owners, held by two nodes claiming at once from one database: each
 * claim is small, as under a contended rate limit, and nothing finishes, so every item claimed is a
 * share handed out.
 */
class FairShareIT {
  private static final Duration LEASE = Duration.ofMinutes(5);
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

  /**
   * Two nodes claim {@code perClaim} items at a time until at least {@code total} are claimed (a
   * node may claim nothing while the other holds an owner's row; it tries again).
   */
  private Map<BatchId, Integer> claimOnTwoNodes(int total, int perClaim) throws Exception {
    Map<BatchId, Integer> claimed = new ConcurrentHashMap<>();
    AtomicInteger taken = new AtomicInteger();
    try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
      List<Future<?>> runs =
          List.of(fixture.store, otherNode).stream()
              .<Future<?>>map(store ->
                  nodes.submit(() -> {
                    String node = store == otherNode ? "node-2" : "node-1";
                    while (taken.get() < total) {
                      for (ClaimedItem item : store.queue().claim(node, perClaim, LEASE)) {
                        claimed.merge(item.item().batchId(), 1, Integer::sum);
                        taken.incrementAndGet();
                      }
                    }
                  }))
              .toList();
      for (Future<?> run : runs) {
        run.get();
      }
    }
    return claimed;
  }

  @Test
  void two_nodes_share_claims_between_owners_in_proportion_to_their_weights() throws Exception {
    UserId light = new UserId(UUID.randomUUID());
    UserId heavy = new UserId(UUID.randomUUID());
    fixture.store.weigh(Map.of(heavy, 3.0));
    BatchId lightBatch = TestBatches.running(fixture.store, light, 1_000, 1_000).id();
    BatchId heavyBatch = TestBatches.running(fixture.store, heavy, 1_000, 1_000).id();

    Map<BatchId, Integer> claimed = claimOnTwoNodes(400, 2);

    int all = claimed.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(all).isBetween(400, 404);
    assertThat(claimed.get(lightBatch)).isBetween(all / 4 - 4, all / 4 + 4);
    assertThat(claimed.get(heavyBatch)).isBetween(3 * all / 4 - 4, 3 * all / 4 + 4);
  }

  @Test
  void an_owner_s_share_is_split_across_its_batches_and_a_latecomer_banks_no_credit()
      throws Exception {
    UserId early = new UserId(UUID.randomUUID());
    UserId late = new UserId(UUID.randomUUID());
    BatchId first = TestBatches.running(fixture.store, early, 2_000, 2_000).id();
    BatchId second = TestBatches.running(fixture.store, early, 2_000, 2_000).id();
    Map<BatchId, Integer> alone = claimOnTwoNodes(300, 3);
    int aloneAll = alone.get(first) + alone.get(second);
    assertThat(aloneAll).isBetween(300, 306);
    assertThat(alone.get(first)).isBetween(aloneAll / 2 - 3, aloneAll / 2 + 3);

    BatchId latecomer = TestBatches.running(fixture.store, late, 2_000, 2_000).id();
    Map<BatchId, Integer> shared = claimOnTwoNodes(300, 3);

    int sharedAll = shared.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(shared.get(latecomer))
        .as("half of what follows, not all of it until it caught up with 300 items")
        .isBetween(sharedAll / 2 - 6, sharedAll / 2 + 6);
  }

  @Test
  void a_weight_out_of_range_is_refused_and_changes_nothing() {
    UserId owner = new UserId(UUID.randomUUID());

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> fixture.store.weigh(Map.of(owner, 0.0)))
        .isInstanceOf(IllegalArgumentException.class);
    long rows =
        org.jdbi.v3.core.Jdbi.create(fixture.database.dataSource())
            .withHandle(h ->
                h.createQuery("SELECT count(*) FROM owner_shares WHERE user_id = :user")
                    .bind("user", owner.value())
                    .mapTo(Long.class)
                    .one());
    assertThat(rows).isZero();
  }
}
