package dev.spool.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.model.StoredEvent;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.event.BatchEvent;
import dev.spool.domain.event.ItemStarted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * batch_events is keyed by (batch_id, seq) and has no other index (migration V5): every read is a
 * batch's events after a sequence, and must walk that key to the rows it returns, however many
 * events other batches and earlier sequences hold.
 */
class EventReadPlanIT {
  private static final int BIG = 20_000;
  private static PostgresStoreFixture fixture;
  private static final BatchId busy = new BatchId(UUID.randomUUID());
  private static final BatchId quiet = new BatchId(UUID.randomUUID());

  @BeforeAll
  static void open() {
    fixture = new PostgresStoreFixture();
    append(busy, BIG);
    append(quiet, 5);
    Jdbi.create(fixture.database.dataSource()).useHandle(h -> h.execute("ANALYZE batch_events"));
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  @Test
  void a_quiet_batch_beside_a_busy_one_reads_only_its_own_events() {
    long read =
        rowsReadBy(() -> assertThat(fixture.store.events().readAfter(quiet, 0, 100)).hasSize(5));

    assertThat(read).isLessThan(50);
  }

  @Test
  void reading_the_tail_of_a_busy_batch_fetches_the_tail_not_the_batch() {
    List<StoredEvent> all = fixture.store.events().readAfter(busy, 0, BIG);
    long tailAfter = all.get(BIG - 101).sequence();

    long read =
        rowsReadBy(() -> {
          List<StoredEvent> tail = fixture.store.events().readAfter(busy, tailAfter, 500);
          assertThat(tail).hasSize(100);
          assertThat(tail.getFirst().sequence()).isGreaterThan(tailAfter);
        });

    assertThat(read).isLessThan(1_000);
  }

  @Test
  void the_sequence_still_orders_a_batch_s_events_as_they_were_appended() {
    List<StoredEvent> all = fixture.store.events().readAfter(busy, 0, BIG);

    assertThat(all).extracting(e -> ((ItemStarted) e.event()).index()).isSorted();
    assertThat(all).extracting(StoredEvent::sequence).doesNotHaveDuplicates().isSorted();
  }

  private static void append(BatchId batch, int count) {
    Instant at = Instant.parse("2026-11-25T00:00:00Z");
    List<BatchEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      events.add(new ItemStarted(batch, new ItemId(UUID.randomUUID()), i, count, 1, at));
    }
    fixture.store.events().append(events);
  }

  private static long rowsReadBy(Runnable read) {
    return TableReads.during((JdbiTransactions) fixture.store.transactions(), "batch_events", read);
  }
}
