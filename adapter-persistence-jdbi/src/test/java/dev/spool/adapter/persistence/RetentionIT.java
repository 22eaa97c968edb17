package dev.spool.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.contract.StoreFixtures;
import dev.spool.domain.batch.Batch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Seed 004's cleanup: events of finished batches go after a retention period. */
class RetentionIT {

  private static Batch stored(PostgresStore store) {
    var planned = StoreFixtures.running(StoreFixtures.user(), 3, 3, 2);
    store.batches().create(planned.batch(), planned.items());
    store
        .transactions()
        .run(() -> store.events().append(List.of(StoreFixtures.started(planned.batch()))));
    return planned.batch();
  }

  /** The batch's item rows as stored, deleted batch or not. */
  private static long itemRows(TestDatabase database, Batch batch) {
    return org.jdbi.v3.core.Jdbi.create(database.dataSource())
        .withHandle(h ->
            h.createQuery("SELECT count(*) FROM batch_items WHERE batch_id = :batch")
                .bind("batch", batch.id().value())
                .mapTo(Long.class)
                .one());
  }

  private static void cancel(PostgresStore store, Batch batch) {
    store
        .transactions()
        .run(() -> {
          Batch locked = store.batches().lock(batch.id()).orElseThrow();
          store.batches().update(locked.cancel(Instant.now())).orElseThrow();
          store.items().cancelPending(batch.id(), Instant.now(), Integer.MAX_VALUE);
        });
  }

  @Test
  void events_of_finished_batches_go_once_their_retention_has_passed() {
    TestDatabase database = TestDatabase.create();
    try (PostgresStore store =
        PostgresStore.open(
            database.dataSource(),
            new PostgresSettings(
                Duration.ofMillis(200),
                Optional.empty(),
                Duration.ofHours(1),
                Duration.ofSeconds(1),
                PostgresSettings.DEFAULT_FANOUT_INTERVAL))) {
      Batch finished = stored(store);
      Batch running = stored(store);
      cancel(store, finished);

      assertThat(store.cleanUp()).containsExactly(0, 0);
      PostgresStoreFixture.sleep(Duration.ofMillis(400));
      int[] removed = store.cleanUp();

      assertThat(removed).containsExactly(1, 0);
      assertThat(store.events().readAfter(finished.id(), 0, 10)).isEmpty();
      assertThat(store.events().readAfter(running.id(), 0, 10)).hasSize(1);
      assertThat(store.batches().find(finished.id())).isPresent();
    } finally {
      database.close();
    }
  }

  @Test
  void finished_batches_themselves_go_when_a_batch_retention_is_set() {
    TestDatabase database = TestDatabase.create();
    try (PostgresStore store =
        PostgresStore.open(
            database.dataSource(),
            new PostgresSettings(
                Duration.ofDays(1),
                Optional.of(Duration.ofMillis(200)),
                Duration.ofHours(1),
                Duration.ofSeconds(1),
                PostgresSettings.DEFAULT_FANOUT_INTERVAL))) {
      Batch finished = stored(store);
      Batch running = stored(store);
      cancel(store, finished);
      PostgresStoreFixture.sleep(Duration.ofMillis(400));

      store.cleanUp();

      assertThat(store.batches().find(finished.id())).isEmpty();
      assertThat(store.batches().find(running.id())).isPresent();
      // no key cascades to events (migration V4) or items (V15): the batch's delete takes them
      assertThat(store.events().readAfter(finished.id(), 0, 10)).isEmpty();
      assertThat(store.events().readAfter(running.id(), 0, 10)).hasSize(1);
      assertThat(itemRows(database, finished)).isZero();
      assertThat(itemRows(database, running)).isEqualTo(running.counts().total());
    } finally {
      database.close();
    }
  }
}
