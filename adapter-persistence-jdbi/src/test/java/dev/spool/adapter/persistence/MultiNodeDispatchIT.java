package dev.spool.adapter.persistence;

import static dev.spool.application.fake.SpoolTestKit.OWNER;
import static dev.spool.application.fake.SpoolTestKit.questions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.spool.application.Spool;
import dev.spool.application.dispatch.DispatcherSettings;
import dev.spool.application.fake.ScriptedGenerator;
import dev.spool.application.fake.SpoolTestKit;
import dev.spool.application.model.StoredEvent;
import dev.spool.application.port.out.RateLimiter;
import dev.spool.application.port.out.SpoolPorts;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.event.BatchCompleted;
import dev.spool.domain.event.ItemCompleted;
import dev.spool.domain.event.ItemFailed;
import dev.spool.domain.event.ItemStarted;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three dispatchers stand in for three server nodes on one PostgreSQL. The third loses its database
 * mid-run, as a crashed node would: it neither renews its leases nor writes results.
 */
class MultiNodeDispatchIT {
  private static final int ITEMS = 2_000;
  private static final int CONCURRENCY = 7;

  private TestDatabase database;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final ScriptedGenerator generator = new ScriptedGenerator().latency(Duration.ofMillis(2));

  @BeforeEach
  void open() {
    database = TestDatabase.create();
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeables.reversed()) {
      c.close();
    }
    database.close();
  }

  private HikariDataSource ownPool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.dataSource().getJdbcUrl());
    config.setMaximumPoolSize(8);
    config.setConnectionTimeout(1_000);
    HikariDataSource pool = new HikariDataSource(config);
    closeables.add(pool);
    return pool;
  }

  private Spool node(String name, HikariDataSource pool, PostgresStore[] storeOut) {
    PostgresStore store = PostgresStore.open(pool, PostgresSettings.defaults());
    closeables.add(store);
    storeOut[0] = store;
    SpoolPorts ports = store.ports(generator, RateLimiter.unlimited(), Clock.systemUTC());
    DispatcherSettings settings =
        SpoolTestKit.fastSettings(name)
            .withLeases(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofMillis(300));
    Spool spool = Spool.builder(ports).dispatcher(settings).build();
    closeables.add(spool);
    spool.start();
    return spool;
  }

  @Test
  void three_nodes_complete_each_item_once_within_the_concurrency_even_when_one_dies() {
    PostgresStore observer = PostgresStore.open(ownPool(), PostgresSettings.defaults());
    closeables.add(observer);
    Map<String, HikariDataSource> pools = new LinkedHashMap<>();
    Spool first = null;
    for (String name : List.of("node-a", "node-b", "node-c")) {
      HikariDataSource pool = ownPool();
      pools.put(name, pool);
      Spool node = node(name, pool, new PostgresStore[1]);
      first = first == null ? node : first;
    }
    Batch batch =
        first.useCases().createBatch().create(questions(OWNER, ITEMS, CONCURRENCY, 3)).batch();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() ->
            observer.batches().find(batch.id()).orElseThrow().counts().completed() > 300
                && pools.keySet().stream().anyMatch(n -> heldBy(observer, n) > 0));
    String victim =
        pools.keySet().stream().filter(n -> heldBy(observer, n) > 0).findFirst().orElseThrow();
    pools.get(victim).close();

    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> observer.batches().find(batch.id()).orElseThrow().status().isFinished());

    Batch done = observer.batches().find(batch.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(done.counts().completed()).isEqualTo(ITEMS);
    assertThat(done.counts().inFlight()).isZero();
    assertThat(countQuestions(batch.id(), "count(*)")).isEqualTo(ITEMS);
    assertThat(countQuestions(batch.id(), "count(DISTINCT item_id)")).isEqualTo(ITEMS);
    List<StoredEvent> events = observer.events().readAfter(batch.id(), 0, 100_000);
    assertThat(mostInFlight(events)).isBetween(2, CONCURRENCY);
    assertThat(events)
        .filteredOn(e -> e.event() instanceof ItemFailed f && f.errorCode().equals("INTERRUPTED"))
        .isNotEmpty();
    assertThat(events).filteredOn(e -> e.event() instanceof BatchCompleted).hasSize(1);
  }

  private static long heldBy(PostgresStore store, String node) {
    return store.queue().heldBy(node, 100).size();
  }

  private long countQuestions(BatchId batch, String what) {
    return database.dataSource() != null
        ? org.jdbi.v3.core.Jdbi.create(database.dataSource())
            .withHandle(h ->
                h.createQuery("SELECT " + what + " FROM questions WHERE batch_id = :b")
                    .bind("b", batch.value())
                    .mapTo(Long.class)
                    .one())
        : -1;
  }

  /** Replays the log in commit order: +1 per start, -1 per completion or failed attempt. */
  private static int mostInFlight(List<StoredEvent> events) {
    int inFlight = 0;
    int most = 0;
    for (StoredEvent e : events) {
      switch (e.event()) {
        case ItemStarted s -> inFlight++;
        case ItemCompleted s -> inFlight--;
        case ItemFailed s -> inFlight--;
        default -> {}
      }
      most = Math.max(most, inFlight);
    }
    return most;
  }
}
