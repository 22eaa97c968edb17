package dev.spool.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.application.port.in.Actor;
import dev.spool.application.webhook.ManageWebhooks;
import dev.spool.application.webhook.WebhookRuntime;
import dev.spool.application.webhook.WebhookSender;
import dev.spool.application.webhook.WebhookSettings;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.PauseReason;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.event.BatchStatusChanged;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook outbox on PostgreSQL, end to end but for the network: events appended in a
 * transaction that rolls back are never sent, committed ones are sent once each, and two runtimes
 * (two nodes) on one database send each once.
 */
class WebhookOutboxIT {
  private PostgresStoreFixture fixture;
  private final List<WebhookSender.Outgoing> sent = new CopyOnWriteArrayList<>();
  private final List<WebhookRuntime> runtimes = new CopyOnWriteArrayList<>();
  private final UserId owner = new UserId(UUID.randomUUID());

  /** Records what it is asked to send and answers 200: the network is not under test here. */
  private final WebhookSender recording =
      new WebhookSender() {
        @Override
        public Optional<String> refusal(URI url) {
          return Optional.empty();
        }

        @Override
        public Result send(Outgoing webhook) {
          sent.add(webhook);
          return new Result(OptionalInt.of(200), Optional.empty(), "", 1);
        }
      };

  @BeforeEach
  void open() {
    fixture = new PostgresStoreFixture();
  }

  @AfterEach
  void close() {
    runtimes.forEach(WebhookRuntime::close);
    fixture.close();
  }

  private WebhookRuntime node() {
    WebhookRuntime runtime =
        WebhookRuntime.start(
            fixture.store.webhooks(),
            recording,
            fixture.store.events(),
            fixture.store.transactions(),
            Clock.systemUTC(),
            WebhookSettings.DEFAULTS.withPoll(Duration.ofMillis(50)),
            UUID::randomUUID);
    runtimes.add(runtime);
    return runtime;
  }

  private void register(WebhookRuntime node) {
    node.manage()
        .register(
            new Actor(owner, Set.of(Actor.FACULTY)),
            new ManageWebhooks.Draft(
                "https://hooks.example/spool", Set.of("batch.paused", "batch.resumed"), ""));
  }

  private static BatchStatusChanged change(Batch batch, BatchStatusChanged.Change change) {
    return change == BatchStatusChanged.Change.PAUSED
        ? new BatchStatusChanged(
            batch.id(),
            change,
            BatchStatus.PAUSED,
            Optional.of(PauseReason.REQUESTED),
            Instant.now())
        : new BatchStatusChanged(batch.id(), change, BatchStatus.RUNNING, Instant.now());
  }

  @Test
  void an_event_whose_transaction_rolled_back_is_never_sent_and_a_committed_one_is_sent_once()
      throws Exception {
    WebhookRuntime node = node();
    register(node);
    Batch batch = TestBatches.running(fixture.store, owner, 2, 1);

    try {
      fixture
          .store
          .transactions()
          .run(() -> {
            fixture.store.events().append(List.of(change(batch, BatchStatusChanged.Change.PAUSED)));
            throw new IllegalStateException("the change failed after its event was appended");
          });
    } catch (IllegalStateException expected) {
      // rolled back
    }
    fixture
        .store
        .transactions()
        .run(() ->
            fixture
                .store
                .events()
                .append(List.of(change(batch, BatchStatusChanged.Change.RESUMED))));

    await().atMost(Duration.ofSeconds(10)).until(() -> !sent.isEmpty());
    Thread.sleep(1_000);
    assertThat(sent)
        .singleElement()
        .satisfies(w -> {
          assertThat(w.body()).startsWith("{\"type\":\"batch.resumed\"");
          assertThat(w.body()).contains("\"batchId\":\"" + batch.id().value() + "\"");
          assertThat(w.secrets())
              .singleElement()
              .satisfies(s -> assertThat(s).startsWith("whsec_"));
        });
  }

  @Test
  void two_nodes_on_one_database_send_each_event_once() throws Exception {
    WebhookRuntime first = node();
    node();
    register(first);
    Batch batch = TestBatches.running(fixture.store, owner, 2, 1);
    for (int i = 0; i < 50; i++) {
      BatchStatusChanged.Change change =
          i % 2 == 0 ? BatchStatusChanged.Change.PAUSED : BatchStatusChanged.Change.RESUMED;
      fixture
          .store
          .transactions()
          .run(() -> fixture.store.events().append(List.of(change(batch, change))));
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> sent.size() >= 50);
    Thread.sleep(1_000);
    assertThat(sent).hasSize(50);
    assertThat(sent).extracting(WebhookSender.Outgoing::id).doesNotHaveDuplicates();
  }
}
