package dev.spool.application.service;

import static dev.spool.application.fake.SpoolTestKit.OWNER;
import static dev.spool.application.fake.SpoolTestKit.questions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.application.Spool;
import dev.spool.application.fake.SpoolTestKit;
import dev.spool.application.model.StoredEvent;
import dev.spool.application.port.in.WatchBatch;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.event.BatchCompleted;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatchBatchTest {
  private final SpoolTestKit kit = new SpoolTestKit();

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void a_watcher_gets_a_snapshot_then_every_later_event_in_order() {
    Spool spool = kit.node("node-a");
    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 10, 3, 2)).batch();
    List<StoredEvent> seen = new CopyOnWriteArrayList<>();

    try (WatchBatch.Watch watch =
        spool.useCases().watchBatch().watch(OWNER, batch.id(), OptionalLong.empty(), seen::add)) {
      assertThat(watch.snapshot().progress().pending()).isEqualTo(10);
      assertThat(watch.afterSequence()).isEqualTo(kit.events(batch.id()).get(1).sequence());
      spool.start();
      kit.awaitFinished(batch.id());
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> seen.stream().anyMatch(e -> e.event() instanceof BatchCompleted));
    }

    List<StoredEvent> log = kit.events(batch.id());
    assertThat(seen).containsExactlyElementsOf(log.subList(2, log.size()));
    assertThat(seen)
        .extracting(e -> e.event().type())
        .contains("item.started", "item.completed", "batch.progress", "batch.complete");
  }

  @Test
  void a_watcher_that_reconnects_after_sequence_n_misses_nothing_and_sees_nothing_twice() {
    Spool spool = kit.started("node-a");
    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 12, 2, 2)).batch();
    kit.awaitFinished(batch.id());
    List<StoredEvent> log = kit.events(batch.id());
    long lastSeen = log.get(7).sequence();
    List<StoredEvent> seen = new CopyOnWriteArrayList<>();

    try (WatchBatch.Watch ignored =
        spool
            .useCases()
            .watchBatch()
            .watch(OWNER, batch.id(), OptionalLong.of(lastSeen), seen::add)) {
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == log.size() - 8);
    }

    assertThat(seen).containsExactlyElementsOf(log.subList(8, log.size()));
  }

  @Test
  void a_watch_on_a_finished_batch_names_its_final_event_and_where_history_ends() {
    Spool spool = kit.started("node-a");
    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 5, 2, 2)).batch();
    kit.awaitFinished(batch.id());
    List<StoredEvent> log = kit.events(batch.id());

    try (WatchBatch.Watch watch =
        spool.useCases().watchBatch().watch(OWNER, batch.id(), OptionalLong.of(0), e -> {})) {
      assertThat(watch.historyEnd()).isEqualTo(log.getLast().sequence());
      assertThat(watch.finalEvent()).contains(log.getLast());
      assertThat(watch.finalEvent().orElseThrow().event()).isInstanceOf(BatchCompleted.class);
    }
  }

  @Test
  void a_watch_on_an_unfinished_batch_has_no_final_event() {
    Spool spool = kit.node("node-a");
    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 5, 2, 2)).batch();

    try (WatchBatch.Watch watch =
        spool.useCases().watchBatch().watch(OWNER, batch.id(), OptionalLong.empty(), e -> {})) {
      assertThat(watch.finalEvent()).isEmpty();
      assertThat(watch.historyEnd()).isEqualTo(watch.afterSequence());
    }
  }
}
