package dev.spool.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.model.FeedPosition;
import dev.spool.application.webhook.Delivery;
import dev.spool.application.webhook.EndpointId;
import dev.spool.application.webhook.WebhookEndpoint;
import dev.spool.application.webhook.WebhookStore;
import dev.spool.application.webhook.WebhookStore.DueDelivery;
import dev.spool.application.webhook.WebhookStore.Outcome;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.UserId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook endpoints, the outbox position and deliveries on PostgreSQL, claimed by many nodes. */
class WebhookStoreIT {
  private PostgresStoreFixture fixture;
  private WebhookStore store;
  private final UserId owner = new UserId(UUID.randomUUID());
  private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  @BeforeEach
  void open() {
    fixture = new PostgresStoreFixture();
    store = fixture.store.webhooks();
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private WebhookEndpoint endpoint() {
    WebhookEndpoint endpoint =
        new WebhookEndpoint(
            new EndpointId(UUID.randomUUID()),
            owner,
            URI.create("https://hooks.example/" + UUID.randomUUID()),
            "",
            Set.of("batch.complete"),
            Optional.empty(),
            Optional.empty(),
            t0,
            t0);
    store.create(endpoint, "whsec_c2VjcmV0");
    return endpoint;
  }

  private List<UUID> enqueue(WebhookEndpoint endpoint, int count) {
    List<WebhookStore.NewDelivery> deliveries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      deliveries.add(
          new WebhookStore.NewDelivery(
              UUID.randomUUID(),
              endpoint.id(),
              "evt_" + i,
              "batch.complete",
              new BatchId(UUID.randomUUID()),
              "{}",
              t0,
              t0.plus(Duration.ofHours(24))));
    }
    assertThat(store.enqueue(deliveries)).isEqualTo(count);
    return deliveries.stream().map(WebhookStore.NewDelivery::id).toList();
  }

  private static Delivery.Attempt attempt(DueDelivery d, Instant at, int status) {
    return new Delivery.Attempt(
        d.attempt(),
        at,
        12,
        OptionalInt.of(status),
        status < 300 ? Optional.empty() : Optional.of("HTTP " + status),
        "body");
  }

  @Test
  void one_transaction_at_a_time_holds_the_outbox_position() throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService threads = Executors.newSingleThreadExecutor();
    try {
      Future<?> holder =
          threads.submit(() ->
              fixture
                  .store
                  .transactions()
                  .run(() -> {
                    assertThat(store.lockOutbox()).isPresent();
                    store.moveOutbox(new FeedPosition(7, 3));
                    held.countDown();
                    try {
                      release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }));
      assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(fixture.store.transactions().inTransaction(store::lockOutbox)).isEmpty();
      release.countDown();
      holder.get(30, TimeUnit.SECONDS);
    } finally {
      threads.shutdownNow();
    }
    assertThat(fixture.store.transactions().inTransaction(store::lockOutbox))
        .contains(new FeedPosition(7, 3));
  }

  @Test
  void an_event_becomes_one_delivery_per_endpoint_however_often_it_is_enqueued() {
    WebhookEndpoint endpoint = endpoint();
    enqueue(endpoint, 3);
    List<WebhookStore.NewDelivery> again =
        List.of(
            new WebhookStore.NewDelivery(
                UUID.randomUUID(),
                endpoint.id(),
                "evt_0",
                "batch.complete",
                new BatchId(UUID.randomUUID()),
                "{}",
                t0,
                t0));

    assertThat(store.enqueue(again)).isZero();
    assertThat(store.deliveries(endpoint.id(), 100)).hasSize(3);
  }

  @Test
  void four_nodes_claiming_at_once_never_take_the_same_delivery() throws Exception {
    WebhookEndpoint endpoint = endpoint();
    List<UUID> all = enqueue(endpoint, 400);
    ExecutorService nodes = Executors.newFixedThreadPool(4);
    // Every node makes its first claim before any makes a second, so each takes part however the
    // threads are scheduled; after that they race freely.
    CyclicBarrier firstClaimsMade = new CyclicBarrier(4);
    List<Future<List<UUID>>> claims = new ArrayList<>();
    try {
      for (int n = 0; n < 4; n++) {
        claims.add(
            nodes.submit(() -> {
              List<UUID> mine = new ArrayList<>();
              List<DueDelivery> got = store.claim(t0.plusSeconds(1), t0.plusSeconds(60), 7);
              got.forEach(d -> mine.add(d.id()));
              firstClaimsMade.await(60, TimeUnit.SECONDS);
              while (!got.isEmpty()) {
                got = store.claim(t0.plusSeconds(1), t0.plusSeconds(60), 7);
                got.forEach(d -> mine.add(d.id()));
              }
              return mine;
            }));
      }
      List<UUID> claimed = new ArrayList<>();
      for (Future<List<UUID>> claim : claims) {
        claimed.addAll(claim.get(60, TimeUnit.SECONDS));
      }
      assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
      assertThat(claims).allSatisfy(c -> assertThat(c.get()).isNotEmpty());
    } finally {
      nodes.shutdownNow();
    }
  }

  @Test
  void a_lease_that_runs_out_passes_the_delivery_on_and_fences_the_old_holder_out() {
    WebhookEndpoint endpoint = endpoint();
    enqueue(endpoint, 1);
    DueDelivery first = store.claim(t0, t0.plusSeconds(15), 10).getFirst();
    assertThat(store.claim(t0.plusSeconds(14), t0.plusSeconds(30), 10))
        .as("held until its lease ends")
        .isEmpty();

    DueDelivery second = store.claim(t0.plusSeconds(16), t0.plusSeconds(31), 10).getFirst();

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(second.leaseToken()).isGreaterThan(first.leaseToken());
    Instant done = t0.plusSeconds(17);
    assertThat(store.record(first, attempt(first, done, 200), new Outcome.Delivered(done)))
        .as("the first holder's late result")
        .isFalse();
    assertThat(store.record(second, attempt(second, done, 200), new Outcome.Delivered(done)))
        .isTrue();
    Delivery delivery = store.deliveries(endpoint.id(), 10).getFirst();
    assertThat(delivery.status()).isEqualTo(Delivery.Status.DELIVERED);
    assertThat(delivery.attempts()).extracting(Delivery.Attempt::number).containsExactly(2);
  }

  @Test
  void failures_start_a_streak_that_disables_the_endpoint_once_it_is_old_enough() {
    WebhookEndpoint endpoint = endpoint();
    enqueue(endpoint, 1);
    DueDelivery d1 = store.claim(t0, t0.plusSeconds(15), 10).getFirst();
    Instant at1 = t0.plusSeconds(1);
    store.record(
        d1,
        attempt(d1, at1, 503),
        new Outcome.Retry(at1, at1.plusSeconds(5), at1.minus(Duration.ofHours(24))));
    assertThat(store.find(endpoint.id()).orElseThrow().failingSince()).contains(at1);

    Instant at2 = at1.plus(Duration.ofHours(25));
    DueDelivery d2 = store.claim(at2, at2.plusSeconds(15), 10).getFirst();
    store.record(
        d2,
        attempt(d2, at2, 500),
        new Outcome.Retry(at2, at2.plusSeconds(5), at2.minus(Duration.ofHours(24))));

    WebhookEndpoint disabled = store.find(endpoint.id()).orElseThrow();
    assertThat(disabled.disabled()).contains(WebhookEndpoint.Disabled.FAILING);
    assertThat(store.claim(at2.plusSeconds(10), at2.plusSeconds(20), 10))
        .as("a disabled endpoint's deliveries wait")
        .isEmpty();
    assertThat(store.receivingEndpoints(List.of(owner)))
        .as("and new events still queue for it")
        .extracting(WebhookEndpoint::id)
        .containsExactly(endpoint.id());
    WebhookEndpoint byOwner = endpoint();
    store.update(
        new WebhookEndpoint(
            byOwner.id(),
            owner,
            byOwner.url(),
            "",
            byOwner.eventTypes(),
            Optional.of(WebhookEndpoint.Disabled.OWNER),
            Optional.empty(),
            t0,
            t0));
    assertThat(store.receivingEndpoints(List.of(owner)))
        .as("one its owner disabled takes nothing")
        .extracting(WebhookEndpoint::id)
        .containsExactly(endpoint.id());
    Delivery logged = store.deliveries(endpoint.id(), 1).getFirst();
    assertThat(logged.attempts()).hasSize(2);
    assertThat(logged.attempts().getLast().statusCode()).hasValue(500);
    assertThat(logged.attempts().getLast().responsePrefix()).isEqualTo("body");
  }

  @Test
  void a_redelivery_makes_a_delivered_event_due_again_and_fences_any_claim_in_progress() {
    WebhookEndpoint endpoint = endpoint();
    UUID id = enqueue(endpoint, 1).getFirst();
    DueDelivery claimed = store.claim(t0, t0.plusSeconds(15), 10).getFirst();
    Instant later = t0.plusSeconds(2);

    assertThat(store.redeliver(endpoint.id(), id, later, later.plus(Duration.ofHours(24))))
        .isTrue();
    assertThat(store.record(claimed, attempt(claimed, later, 200), new Outcome.Delivered(later)))
        .isFalse();
    DueDelivery again = store.claim(later, later.plusSeconds(15), 10).getFirst();
    assertThat(again.eventId()).isEqualTo(claimed.eventId());
    assertThat(store.redeliver(endpoint.id(), UUID.randomUUID(), later, later)).isFalse();
    assertThat(store.redeliver(new EndpointId(UUID.randomUUID()), id, later, later)).isFalse();
  }

  @Test
  void a_rotation_keeps_the_old_secret_signing_until_its_overlap_ends() {
    WebhookEndpoint endpoint = endpoint();
    enqueue(endpoint, 2);
    assertThat(store.rotate(endpoint.id(), "whsec_bmV3", t0.plusSeconds(60), t0)).isTrue();

    DueDelivery during = store.claim(t0.plusSeconds(1), t0.plusSeconds(15), 1).getFirst();
    DueDelivery after = store.claim(t0.plusSeconds(61), t0.plusSeconds(75), 1).getFirst();

    assertThat(during.secrets()).containsExactly("whsec_bmV3", "whsec_c2VjcmV0");
    assertThat(after.secrets()).containsExactly("whsec_bmV3");
    assertThat(during.toString()).doesNotContain("whsec");
    Set<UUID> distinct = new HashSet<>(List.of(during.id(), after.id()));
    assertThat(distinct).hasSize(2);
  }
}
