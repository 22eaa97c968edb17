package dev.spool.adapter.persistence;

import static dev.spool.application.contract.StoreFixtures.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.application.contract.StorePorts;
import dev.spool.application.contract.StoreTestBase;
import dev.spool.application.port.out.BatchEventLog;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.event.BatchEvent;
import dev.spool.domain.event.BatchStatusChanged;
import dev.spool.domain.event.ItemStarted;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How often a watched batch's events go out: at most once per fan-out interval, the first change
 * after a quiet spell and every status change at once. Times are wide, so that a slow machine only
 * makes them wider.
 */
class EventFanoutIT extends StoreTestBase {
  private static final Duration INTERVAL = Duration.ofSeconds(1);

  private TestDatabase database;
  private PostgresStore postgres;
  private Duration interval = INTERVAL;

  @Override
  protected StorePorts createStore() {
    database = TestDatabase.create();
    postgres =
        PostgresStore.open(
            database.dataSource(), PostgresSettings.defaults().withFanoutInterval(interval));
    return new StorePorts(
        postgres.batches(),
        postgres.items(),
        postgres.queue(),
        postgres.events(),
        postgres.transactions());
  }

  @Override
  protected void passTime(Duration duration) {
    PostgresStoreFixture.sleep(duration);
  }

  @AfterEach
  void closeStore() {
    postgres.close();
    database.close();
  }

  @Test
  void a_change_after_a_quiet_spell_goes_out_at_once_and_changes_within_the_interval_go_together() {
    BatchId batch = stored(3, 1).batch().id();
    Map<Long, Long> arrived = new ConcurrentHashMap<>();
    try (BatchEventLog.Subscription ignored =
        store.events().subscribe(batch, 0, e -> arrived.put(e.sequence(), System.nanoTime()))) {
      PostgresStoreFixture.sleep(INTERVAL.plusMillis(200));

      long firstSent = System.nanoTime();
      long first = append(batch);
      await().atMost(Duration.ofSeconds(5)).until(() -> arrived.containsKey(first));
      long second = append(batch);
      PostgresStoreFixture.sleep(Duration.ofMillis(400));
      long third = append(batch);
      await().atMost(Duration.ofSeconds(5)).until(() -> arrived.containsKey(third));

      assertThat(millis(arrived.get(first) - firstSent))
          .as("the first change after a quiet spell waits for nothing")
          .isLessThan(INTERVAL.toMillis() * 6 / 10);
      assertThat(millis(arrived.get(second) - arrived.get(first)))
          .as("the next change waits for the interval")
          .isGreaterThanOrEqualTo(INTERVAL.toMillis() * 9 / 10);
      assertThat(millis(Math.abs(arrived.get(third) - arrived.get(second))))
          .as("changes 400 ms apart within one interval go out in one read")
          .isLessThan(150);
    }
  }

  @Test
  void with_no_interval_every_commit_goes_out_as_it_comes() {
    closeStore();
    interval = Duration.ZERO;
    store = createStore(); // this test's own store, without an interval
    BatchId batch = stored(3, 1).batch().id();
    Map<Long, Long> arrived = new ConcurrentHashMap<>();
    try (BatchEventLog.Subscription ignored =
        store.events().subscribe(batch, 0, e -> arrived.put(e.sequence(), System.nanoTime()))) {
      long first = append(batch);
      await().atMost(Duration.ofSeconds(5)).until(() -> arrived.containsKey(first));
      PostgresStoreFixture.sleep(Duration.ofMillis(400));
      long second = append(batch);
      await().atMost(Duration.ofSeconds(5)).until(() -> arrived.containsKey(second));

      assertThat(millis(arrived.get(second) - arrived.get(first)))
          .as("commits 400 ms apart arrive apart")
          .isGreaterThanOrEqualTo(300);
    }
  }

  @Test
  void a_status_change_goes_out_at_once_even_inside_the_window() {
    BatchId batch = stored(3, 1).batch().id();
    Map<Long, Long> arrived = new ConcurrentHashMap<>();
    try (BatchEventLog.Subscription ignored =
        store.events().subscribe(batch, 0, e -> arrived.put(e.sequence(), System.nanoTime()))) {
      PostgresStoreFixture.sleep(INTERVAL.plusMillis(200));
      long item = append(batch);
      await().atMost(Duration.ofSeconds(5)).until(() -> arrived.containsKey(item));

      long pausedSent = System.nanoTime();
      long paused =
          append(
              batch,
              new BatchStatusChanged(
                  batch, BatchStatusChanged.Change.PAUSED, BatchStatus.PAUSED, now()));
      await().atMost(Duration.ofSeconds(5)).until(() -> arrived.containsKey(paused));

      assertThat(millis(arrived.get(paused) - pausedSent))
          .as("a pause does not wait for the window that item events wait for")
          .isLessThan(INTERVAL.toMillis() * 6 / 10);
    }
  }

  /** Commits one item event and returns its sequence. */
  private long append(BatchId batch) {
    return append(batch, new ItemStarted(batch, new ItemId(UUID.randomUUID()), 0, 3, 1, now()));
  }

  private long append(BatchId batch, BatchEvent event) {
    store.transactions().run(() -> store.events().append(List.of(event)));
    return store.events().latestSequence(batch);
  }

  private static long millis(long nanos) {
    return Duration.ofNanos(nanos).toMillis();
  }
}
