package dev.spool.bootstrap;

import static dev.spool.application.fake.SpoolTestKit.OWNER;
import static dev.spool.application.fake.SpoolTestKit.questions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.adapter.persistence.PostgresSettings;
import dev.spool.adapter.persistence.PostgresStore;
import dev.spool.application.Spool;
import dev.spool.application.dispatch.DispatcherSettings;
import dev.spool.application.fake.ScriptedGenerator;
import dev.spool.application.fake.SpoolTestKit;
import dev.spool.application.model.PageRequest;
import dev.spool.application.port.out.RateLimiter;
import dev.spool.application.port.out.SpoolPorts;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.batch.ItemStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spool on its embedded PostgreSQL dies with work in flight, and comes back on the same data
 * directory: nothing committed is lost, nothing completed runs again.
 */
class RestartIT {
  private final ScriptedGenerator generator =
      new ScriptedGenerator().latency(Duration.ofMillis(80));

  @TempDir Path dataDirectory;

  private SpoolDatabase open() {
    return SpoolDatabase.open(
        DatabaseSettings.embedded(dataDirectory), PostgresSettings.defaults());
  }

  private Spool node(SpoolDatabase db, String name) {
    PostgresStore store = db.store();
    SpoolPorts ports = store.ports(generator, RateLimiter.unlimited(), Clock.systemUTC());
    DispatcherSettings settings =
        SpoolTestKit.fastSettings(name)
            .withLeases(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofMillis(200))
            .withShutdownGrace(Duration.ofMillis(300));
    Spool spool = Spool.builder(ports).dispatcher(settings).build();
    spool.start();
    return spool;
  }

  private static List<BatchItem> items(SpoolDatabase db, BatchId batch) {
    return db.store().items().list(batch, Optional.empty(), PageRequest.first(200)).items();
  }

  /** Reads items over a connection of its own, as the crashed node's pool is gone. */
  private static List<BatchItem> itemsSeenFromOutside(SpoolDatabase db, BatchId batch) {
    try (var side = new com.zaxxer.hikari.HikariDataSource()) {
      side.setJdbcUrl(db.pool().getJdbcUrl());
      side.setUsername(db.pool().getUsername());
      try (PostgresStore view = PostgresStore.open(side, PostgresSettings.defaults())) {
        return view.items().list(batch, Optional.empty(), PageRequest.first(200)).items();
      }
    }
  }

  private static Set<ItemId> withStatus(List<BatchItem> items, ItemStatus status) {
    return items.stream()
        .filter(i -> i.status() == status)
        .map(BatchItem::id)
        .collect(Collectors.toSet());
  }

  private static String setting(SpoolDatabase db, String name) {
    String value =
        Jdbi.create(db.pool())
            .withHandle(h -> h.createQuery("SHOW " + name).mapTo(String.class).one());
    return value;
  }

  private static long distinctQuestions(SpoolDatabase db, BatchId batch) {
    Long count =
        Jdbi.create(db.pool())
            .withHandle(h ->
                h.createQuery("SELECT count(DISTINCT item_id) FROM questions WHERE batch_id = :b")
                    .bind("b", batch.value())
                    .mapTo(Long.class)
                    .one());
    return count;
  }

  @Test
  void a_crashed_node_restarted_on_the_same_data_loses_nothing_and_repeats_nothing() {
    BatchId paused;
    BatchId running;
    Set<ItemId> completedBeforeCrash;
    Set<ItemId> inFlightAtCrash;
    try (SpoolDatabase first = open()) {
      assertThat(setting(first, "fsync")).isEqualTo("on");
      assertThat(setting(first, "synchronous_commit")).isEqualTo("on");
      Spool spool = node(first, "node-1");
      paused = spool.useCases().createBatch().create(questions(OWNER, 30, 3, 2)).batch().id();
      spool.useCases().pauseBatch().pause(OWNER, paused);
      running = spool.useCases().createBatch().create(questions(OWNER, 40, 4, 2)).batch().id();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> {
            Batch b = first.store().batches().find(running).orElseThrow();
            return b.counts().completed() >= 8 && b.counts().inFlight() == 4;
          });
      first.pool().close();
      List<BatchItem> atCrash = itemsSeenFromOutside(first, running);
      spool.close();
      completedBeforeCrash = withStatus(atCrash, ItemStatus.COMPLETED);
      inFlightAtCrash = withStatus(atCrash, ItemStatus.IN_PROGRESS);
    }

    try (SpoolDatabase second = open()) {
      Batch stillPaused = second.store().batches().find(paused).orElseThrow();
      assertThat(stillPaused.status()).isEqualTo(BatchStatus.PAUSED);
      Spool spool = node(second, "node-2");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> second.store().batches().find(running).orElseThrow().status().isFinished());

      Batch done = second.store().batches().find(running).orElseThrow();
      assertThat(done.status()).isEqualTo(BatchStatus.COMPLETED);
      assertThat(done.counts().completed()).isEqualTo(40);
      completedBeforeCrash.forEach(id -> assertThat(generator.callsFor(id)).isEqualTo(1));
      List<BatchItem> after = items(second, running);
      assertThat(after)
          .filteredOn(i -> inFlightAtCrash.contains(i.id()))
          .hasSize(inFlightAtCrash.size())
          .allSatisfy(i -> assertThat(i.attempts()).isEqualTo(2));
      assertThat(distinctQuestions(second, running)).isEqualTo(40);
      assertThat(second.store().batches().find(paused).orElseThrow().status())
          .isEqualTo(BatchStatus.PAUSED);
      assertThat(second.store().batches().find(paused).orElseThrow().counts().inFlight()).isZero();
      spool.close();
    }
  }
}
