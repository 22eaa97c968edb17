package dev.spool.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.port.out.ClaimedItem;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The claim itself, on PostgreSQL, never takes an item of a batch that waits for approval, however
 * many nodes claim and however much room they have; once the batch is approved, it does.
 */
class ApprovalClaimIT {
  private PostgresStoreFixture fixture;

  @BeforeEach
  void open() {
    fixture = new PostgresStoreFixture();
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void claims_from_several_nodes_skip_a_batch_awaiting_approval_until_it_is_approved()
      throws Exception {
    UserId owner = new UserId(UUID.randomUUID());
    Batch waiting = TestBatches.awaitingApproval(fixture.store, owner, 40, 40);
    Batch running = TestBatches.running(fixture.store, owner, 10, 10);

    List<BatchId> claimedFrom = new ArrayList<>();
    ExecutorService nodes = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<ClaimedItem>>> claims = new ArrayList<>();
      for (int n = 0; n < 3; n++) {
        String node = "node-" + n;
        claims.add(
            nodes.submit(
                () -> fixture.store.queue().claim(node, 100, Duration.ofMinutes(5), Money.ZERO)));
      }
      for (Future<List<ClaimedItem>> claim : claims) {
        claim.get(30, TimeUnit.SECONDS).forEach(c -> claimedFrom.add(c.item().batchId()));
      }
    } finally {
      nodes.shutdownNow();
    }

    assertThat(claimedFrom).hasSize(10).containsOnly(running.id());
    assertThat(fixture.store.queue().claim("node-0", 100, Duration.ofMinutes(5), Money.ZERO))
        .isEmpty();

    Batch approved = waiting.approve(Instant.now());
    assertThat(fixture.store.batches().update(approved)).isPresent();
    assertThat(fixture.store.queue().claim("node-1", 100, Duration.ofMinutes(5), Money.ZERO))
        .hasSize(40)
        .allSatisfy(c -> assertThat(c.item().batchId()).isEqualTo(waiting.id()));
  }
}
