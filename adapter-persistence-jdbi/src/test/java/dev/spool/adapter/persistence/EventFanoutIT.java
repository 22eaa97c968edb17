package dev.spool.adapter.persistence;

import static dev.spool.application.contract.StoreFixtures.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.application.contract.StorePorts;
import dev.spool.application.contract.StoreTestBase;
import dev.spool.application.model.Subscription;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.event.BatchEvent;
import dev.spool.domain.event.BatchStatusChanged;
import dev.spool.domain.event.ItemStarted;
import java.time.Duration;
import java.util.ArrayList;
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
    try (Arrivals arrivals = new Arrivals(batch)) {
      PostgresStoreFixture.sleep(INTERVAL.plusMillis(200));

      long firstSent = System.nanoTime();
      long first = arrivals.of(append(batch));
      long secondSequence = append(batch);
      PostgresStoreFixture.sleep(Duration.ofMillis(400));
      long third = arrivals.of(append(batch));
      long second = arrivals.of(secondSequence);

      assertThat(millis(first - firstSent))
          .as("the first change after a quiet spell waits for nothing")
          .isLessThan(INTERVAL.toMillis() * 6 / 10);
      assertThat(millis(second - first))
          .as("the next change waits for the interval")
          .isGreaterThanOrEqualTo(INTERVAL.toMillis() * 9 / 10);
      assertThat(millis(Math.abs(third - second)))
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
    try (Arrivals arrivals = new Arrivals(batch)) {
      long first = arrivals.of(append(batch));
      PostgresStoreFixture.sleep(Duration.ofMillis(400));
      long second = arrivals.of(append(batch));

      assertThat(millis(second - first))
          .as("commits 400 ms apart arrive apart")
          .isGreaterThanOrEqualTo(300);
    }
  }

  @Test
  void a_status_change_goes_out_at_once_even_inside_the_window() {
    BatchId batch = stored(3, 1).batch().id();
    try (Arrivals arrivals = new Arrivals(batch)) {
      PostgresStoreFixture.sleep(INTERVAL.plusMillis(200));
      arrivals.of(append(batch));

      long pausedSent = System.nanoTime();
      long paused =
          arrivals.of(
              append(
                  batch,
                  new BatchStatusChanged(
                      batch, BatchStatusChanged.Change.PAUSED, BatchStatus.PAUSED, now())));

      assertThat(millis(paused - pausedSent))
          .as("a pause does not wait for the window that item events wait for")
          .isLessThan(INTERVAL.toMillis() * 6 / 10);
    }
  }

  @Test
  void a_backlog_longer_than_one_read_is_handed_out_without_waiting_for_the_window() {
    BatchId batch = stored(3, 1).batch().id();
    List<BatchEvent> backlog = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      backlog.add(new ItemStarted(batch, new ItemId(UUID.randomUUID()), 0, 3, 1, now()));
    }
    store.transactions().run(() -> store.events().append(backlog));
    long last = store.events().latestSequence(batch);

    long subscribed = System.nanoTime();
    try (Arrivals arrivals = new Arrivals(batch)) {
      assertThat(millis(arrivals.of(last) - subscribed))
          .as("three reads of a committed backlog, one after the other")
          .isLessThan(INTERVAL.toMillis() * 6 / 10);
    }
  }

  /** A subscriber from the start of a batch's log that notes when each event reached it. */
  private final class Arrivals implements AutoCloseable {
    private final Map<Long, Long> at = new ConcurrentHashMap<>();
    private final Subscription subscription;

    Arrivals(BatchId batch) {
      subscription =
          store.events().subscribe(batch, 0, e -> at.put(e.sequence(), System.nanoTime()));
    }

    /** When the event with {@code sequence} arrived ({@link System#nanoTime()}), once it has. */
    long of(long sequence) {
      await().atMost(Duration.ofSeconds(5)).until(() -> at.containsKey(sequence));
      return at.get(sequence);
    }

    @Override
    public void close() {
      subscription.close();
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
