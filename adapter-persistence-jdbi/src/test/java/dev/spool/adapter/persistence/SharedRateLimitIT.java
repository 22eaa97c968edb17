package dev.spool.adapter.persistence;

import static dev.spool.application.fake.SpoolTestKit.OWNER;
import static dev.spool.application.fake.SpoolTestKit.questions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.application.Spool;
import dev.spool.application.fake.ScriptedGenerator;
import dev.spool.application.fake.SpoolTestKit;
import dev.spool.application.port.out.RateLimiter;
import dev.spool.application.port.out.SpoolPorts;
import dev.spool.domain.batch.Batch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two nodes draw from one provider budget kept in PostgreSQL. */
class SharedRateLimitIT {
  private static PostgresStoreFixture fixture;

  @BeforeAll
  static void open() {
    fixture = new PostgresStoreFixture();
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  @Test
  void two_nodes_sharing_a_bucket_of_20_per_second_never_exceed_it_in_any_second() {
    List<Instant> calls = Collections.synchronizedList(new ArrayList<>());
    ScriptedGenerator generator =
        new ScriptedGenerator()
            .failWith(r -> {
              calls.add(Instant.now());
              return null;
            });
    List<Spool> nodes = new ArrayList<>();
    for (String name : List.of("node-a", "node-b")) {
      PostgresStore store = fixture.store;
      SpoolPorts ports =
          store.ports(
              generator,
              store.sharedRateLimiter("provider", 20, Optional.empty()),
              Clock.systemUTC());
      Spool node = Spool.builder(ports).dispatcher(SpoolTestKit.fastSettings(name)).build();
      node.start();
      nodes.add(node);
    }
    try {
      Batch batch =
          nodes.getFirst().useCases().createBatch().create(questions(OWNER, 100, 50, 2)).batch();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> fixture.store.batches().find(batch.id()).orElseThrow().status().isFinished());
    } finally {
      nodes.forEach(Spool::close);
    }

    // Windows 50 ms short of a second: the call is recorded a little after its permit.
    List<Instant> sorted = calls.stream().sorted().toList();
    int busiest = 0;
    for (int i = 0, j = 0; i < sorted.size(); i++) {
      while (!sorted.get(j).plusMillis(950).isAfter(sorted.get(i))) {
        j++;
      }
      busiest = Math.max(busiest, i - j + 1);
    }
    double seconds = Duration.between(sorted.getFirst(), sorted.getLast()).toMillis() / 1000.0;
    assertThat(sorted).hasSize(100);
    assertThat(busiest).isLessThanOrEqualTo(20);
    assertThat(99 / seconds).isBetween(17.0, 20.5);
  }

  @Test
  void a_hold_off_on_one_node_stops_every_node_sharing_the_budget_until_it_ends()
      throws InterruptedException {
    RateLimiter first = fixture.store.sharedRateLimiter("held", 100, Optional.empty());
    RateLimiter second = fixture.store.sharedRateLimiter("held", 100, Optional.empty());
    assertThat(second.acquire(1, 0).granted()).isEqualTo(1);

    first.holdOff(Duration.ofMillis(800));
    first.holdOff(Duration.ofMillis(50));

    RateLimiter.Permits held = second.acquire(1, 0);
    assertThat(held.granted()).isZero();
    assertThat(held.retryIn()).isBetween(Duration.ofMillis(500), Duration.ofMillis(800));
    Thread.sleep(held.retryIn().plusMillis(50));
    assertThat(second.acquire(1, 0).granted()).isEqualTo(1);
  }
}
