package dev.spool.application.service;

import static dev.spool.application.fake.SpoolTestKit.OWNER;
import static dev.spool.application.fake.SpoolTestKit.STRANGER;
import static dev.spool.application.fake.SpoolTestKit.itemList;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.Spool;
import dev.spool.application.fake.SpoolTestKit;
import dev.spool.application.port.in.FollowBatches;
import dev.spool.application.port.in.FollowBatches.FeedEvent;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FollowBatchesTest {
  private final SpoolTestKit kit = new SpoolTestKit();

  @AfterEach
  void close() {
    kit.close();
  }

  private static List<String> durable(List<FeedEvent> events) {
    return events.stream().filter(e -> e.position().isPresent()).map(FeedEvent::type).toList();
  }

  @Test
  void a_follower_gets_the_status_changes_of_its_own_batches_in_order_and_no_one_elses() {
    Spool node = kit.node("n1");
    FollowBatches.Feed feed = node.useCases().followBatches().follow(OWNER, Optional.empty());
    Batch mine = node.useCases().createBatch().create(itemList(OWNER, 3, 1)).batch();
    Batch theirs = node.useCases().createBatch().create(itemList(STRANGER, 3, 1)).batch();
    node.useCases().pauseBatch().pause(OWNER, mine.id());
    node.useCases().pauseBatch().pause(STRANGER, theirs.id());
    node.useCases().resumeBatch().resume(OWNER, mine.id(), Optional.empty());
    node.useCases().cancelBatch().cancel(OWNER, mine.id());

    List<FeedEvent> events = feed.next();

    assertThat(durable(events))
        .containsExactly("batch.started", "batch.paused", "batch.resumed", "batch.cancelled");
    assertThat(events).extracting(FeedEvent::batch).containsOnly(mine.id());
    assertThat(events)
        .allSatisfy(e -> assertThat(e.json()).startsWith("{\"batchId\":\"" + mine.id() + "\""));
    assertThat(feed.next()).as("nothing twice").isEmpty();
  }

  @Test
  void a_follower_resuming_after_a_position_gets_exactly_what_came_after_it() {
    Spool node = kit.node("n1");
    FollowBatches.Feed first = node.useCases().followBatches().follow(OWNER, Optional.empty());
    Batch batch = node.useCases().createBatch().create(itemList(OWNER, 3, 1)).batch();
    node.useCases().pauseBatch().pause(OWNER, batch.id());
    List<FeedEvent> seen = first.next();
    node.useCases().resumeBatch().resume(OWNER, batch.id(), Optional.empty());
    node.useCases().pauseBatch().pause(OWNER, batch.id());

    FollowBatches.Feed resumed =
        node.useCases().followBatches().follow(OWNER, Optional.of(first.position()));

    assertThat(durable(seen)).containsExactly("batch.started", "batch.paused");
    assertThat(durable(resumed.next())).containsExactly("batch.resumed", "batch.paused");
  }

  @Test
  void a_waiting_follower_wakes_when_a_status_change_commits_not_at_the_end_of_its_wait()
      throws Exception {
    Spool node = kit.node("n1");
    BatchId batch = node.useCases().createBatch().create(itemList(OWNER, 3, 1)).batch().id();
    FollowBatches.Feed feed = node.useCases().followBatches().follow(OWNER, Optional.empty());
    feed.next();
    kit.fakes().clock().advance(Duration.ofSeconds(5));
    feed.next();
    var waiter =
        java.util.concurrent.CompletableFuture.runAsync(() -> {
          try {
            feed.awaitNext(Duration.ofMinutes(10));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    Thread.sleep(200);
    assertThat(waiter).as("nothing committed yet").isNotDone();

    node.useCases().pauseBatch().pause(OWNER, batch);

    waiter.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(durable(feed.next())).containsExactly("batch.paused");
  }

  @Test
  void progress_comes_at_most_once_a_second_per_batch_and_only_when_it_moved() {
    Spool node = kit.node("n1");
    FollowBatches.Feed feed = node.useCases().followBatches().follow(OWNER, Optional.empty());
    BatchId a = node.useCases().createBatch().create(itemList(OWNER, 3, 1)).batch().id();
    BatchId b = node.useCases().createBatch().create(itemList(OWNER, 3, 1)).batch().id();

    List<FeedEvent> opening = feed.next();
    node.useCases().pauseBatch().pause(OWNER, a);
    List<FeedEvent> within = feed.next();
    kit.fakes().clock().advance(FollowBatchesService.PROGRESS_EVERY);
    List<FeedEvent> afterASecond = feed.next();
    kit.fakes().clock().advance(Duration.ofSeconds(5));

    assertThat(progressOf(opening)).containsExactlyInAnyOrder(a, b);
    assertThat(progressOf(within)).as("the pause shows, its progress waits").isEmpty();
    assertThat(durable(within)).containsExactly("batch.paused");
    assertThat(progressOf(afterASecond)).as("b did not move").containsExactly(a);
    assertThat(feed.next()).isEmpty();
  }

  private static List<BatchId> progressOf(List<FeedEvent> events) {
    return events.stream()
        .filter(e -> e.type().equals("batch.progress"))
        .map(FeedEvent::batch)
        .toList();
  }
}
