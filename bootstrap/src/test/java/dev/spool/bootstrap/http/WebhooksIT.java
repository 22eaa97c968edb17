package dev.spool.bootstrap.http;

import static dev.spool.bootstrap.http.TestServer.faculty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.adapter.llm.SimulatorSettings;
import dev.spool.bootstrap.http.ApiClient.Reply;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks from the real server to a receiver on loopback that verifies every signature on its own.
 * Two nodes allow private addresses (their deliveries go to loopback) and share a database; a third
 * keeps the default rules, for the refusals.
 */
class WebhooksIT {
  private static final String HOOKS = "/api/v1/webhooks";
  private static final String BATCHES = "/api/v1/generation/batch";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> LOOPBACK =
      Map.of(
          "SPOOL_WEBHOOK_ALLOW_PRIVATE", "true",
          "SPOOL_WEBHOOK_BACKOFF_BASE_MILLIS", "200",
          "SPOOL_WEBHOOK_BACKOFF_MAX_SECONDS", "1",
          "SPOOL_WEBHOOK_TIMEOUT_SECONDS", "5");
  private static TestServer a;
  private static TestServer b;
  private static TestServer strict;

  @BeforeAll
  static void start() {
    SimulatorSettings simulator =
        SimulatorSettings.defaults().withLatency(Duration.ofMillis(20), Duration.ofMillis(5));
    a = TestServer.start(simulator, Optional.empty(), LOOPBACK);
    String db = a.server().databaseUrl();
    b = TestServer.start(simulator, Optional.of(db), LOOPBACK);
    // on a database of its own: a node that refuses loopback would take its turn at deliveries
    strict = TestServer.start(simulator);
  }

  @AfterAll
  static void stop() {
    for (TestServer server : new TestServer[] {strict, b, a}) {
      if (server != null) {
        server.close();
      }
    }
  }

  private static String register(
      ApiClient api, String owner, WebhookReceiver receiver, String... types) {
    ObjectNode body = JSON.createObjectNode().put("url", receiver.url()).put("description", "it");
    var array = body.putArray("eventTypes");
    for (String type : types) {
      array.add(type);
    }
    Reply reply = api.post(HOOKS, owner, body.toString());
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    receiver.secret(reply.data().get("secret").asText());
    return reply.data().get("id").asText();
  }

  private static String itemBatch(ApiClient api, String owner, int items) {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < items; i++) {
      list.append(i == 0 ? "" : ",")
          .append("{\"name\":\"q")
          .append(i)
          .append("\",\"prompt\":\"question ")
          .append(i)
          .append("\"}");
    }
    String body =
        "{\"courseId\":\"" + UUID.randomUUID() + "\",\"concurrency\":2,\"items\":[" + list + "]}";
    return api.post(BATCHES, owner, body).data().get("batchId").asText();
  }

  private static JsonNode awaitStatus(ApiClient api, String owner, String batch, String status) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> api.get(BATCHES + "/" + batch + "?limit=1", owner).data(),
            d -> d.get("status").asText().equals(status));
  }

  /**
   * The endpoint's log once it holds {@code count} deliveries, all delivered: each is recorded just
   * after its receiver answers, so the test waits for the log, not the wire.
   */
  private static List<JsonNode> awaitDelivered(
      ApiClient api, String owner, String hook, int count) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> deliveries(api, owner, hook),
            l ->
                l.size() == count
                    && l.stream().allMatch(d -> d.get("status").asText().equals("delivered")));
  }

  private static List<JsonNode> deliveries(ApiClient api, String owner, String hook) {
    Reply reply = api.get(HOOKS + "/" + hook + "/deliveries?limit=100", owner);
    assertThat(reply.status()).isEqualTo(200);
    return List.copyOf(
        JSON.convertValue(
            reply.data().get("items"),
            JSON.getTypeFactory().constructCollectionType(List.class, JsonNode.class)));
  }

  @Test
  void each_batch_event_is_delivered_signed_with_its_id_and_verified_independently()
      throws Exception {
    ApiClient api = a.api();
    String owner = faculty(UUID.randomUUID());
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      String hook =
          register(
              api,
              owner,
              receiver,
              "batch.started",
              "batch.paused",
              "batch.resumed",
              "batch.complete",
              "batch.cancelled");
      String done = itemBatch(api, owner, 4);
      awaitStatus(api, owner, done, "completed");
      String cancelled = itemBatch(api, owner, 400);
      api.post(BATCHES + "/" + cancelled + "/pause", owner, null);
      api.post(BATCHES + "/" + cancelled + "/resume", owner, null);
      api.post(BATCHES + "/" + cancelled + "/cancel", owner, null);

      await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted().size() >= 6);
      Thread.sleep(500);

      List<WebhookReceiver.Received> got = receiver.received();
      assertThat(got)
          .allSatisfy(r -> assertThat(r.verified()).as("signature of %s", r.id()).isTrue());
      Map<String, List<String>> typesByBatch =
          got.stream()
              .collect(
                  Collectors.groupingBy(
                      r -> r.body().get("data").get("batchId").asText(),
                      Collectors.mapping(r -> r.body().get("type").asText(), Collectors.toList())));
      assertThat(typesByBatch.get(done))
          .containsExactlyInAnyOrder("batch.started", "batch.complete");
      assertThat(typesByBatch.get(cancelled))
          .containsExactlyInAnyOrder(
              "batch.started", "batch.paused", "batch.resumed", "batch.cancelled");
      assertThat(got).extracting(WebhookReceiver.Received::id).doesNotHaveDuplicates();
      JsonNode complete =
          got.stream()
              .filter(r -> r.body().get("type").asText().equals("batch.complete"))
              .findFirst()
              .orElseThrow()
              .body();
      assertThat(complete.get("data").get("totalCompleted").asInt()).isEqualTo(4);
      assertThat(complete.get("timestamp").asText()).isNotBlank();

      List<JsonNode> log = awaitDelivered(api, owner, hook, 6);
      assertThat(log)
          .allSatisfy(d -> {
            assertThat(d.get("status").asText()).isEqualTo("delivered");
            assertThat(d.get("attempts").get(0).get("statusCode").asInt()).isEqualTo(200);
            assertThat(d.get("attempts").get(0).get("responsePrefix").asText())
                .isEqualTo("answered 200");
          });
      assertThat(log.stream().map(d -> d.get("eventId").asText()).collect(Collectors.toSet()))
          .isEqualTo(got.stream().map(WebhookReceiver.Received::id).collect(Collectors.toSet()));
    }
  }

  @Test
  void a_receiver_that_is_down_for_a_while_gets_every_event_once_it_is_back() throws Exception {
    ApiClient api = a.api();
    String owner = faculty(UUID.randomUUID());
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      receiver.status.set(503);
      String hook = register(api, owner, receiver, "batch.started", "batch.complete");
      Set<String> batches = new HashSet<>();
      for (int i = 0; i < 3; i++) {
        batches.add(itemBatch(api, owner, 2));
      }
      for (String batch : batches) {
        awaitStatus(api, owner, batch, "completed");
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() >= 12);
      assertThat(receiver.accepted()).isEmpty();
      JsonNode failing = api.get(HOOKS + "/" + hook, owner).data();
      assertThat(failing.get("failingSince").isNull()).isFalse();
      assertThat(failing.get("enabled").asBoolean()).isTrue();

      receiver.status.set(200);

      List<JsonNode> log = awaitDelivered(api, owner, hook, 6);
      assertThat(log)
          .hasSize(6)
          .allSatisfy(d -> {
            assertThat(d.get("status").asText()).isEqualTo("delivered");
            JsonNode attempts = d.get("attempts");
            assertThat(attempts.size()).isGreaterThan(1);
            assertThat(attempts.get(0).get("statusCode").asInt()).isEqualTo(503);
            assertThat(attempts.get(0).get("error").asText()).isEqualTo("HTTP 503");
            assertThat(attempts.get(0).get("responsePrefix").asText()).isEqualTo("answered 503");
          });
      assertThat(receiver.accepted().stream().map(WebhookReceiver.Received::id).distinct())
          .hasSize(6);
      assertThat(api.get(HOOKS + "/" + hook, owner).data().get("failingSince").isNull()).isTrue();
      assertThat(receiver.received()).allSatisfy(r -> assertThat(r.verified()).isTrue());
    }
  }

  @Test
  void two_nodes_deliver_each_event_once_when_nothing_fails() throws Exception {
    String owner = faculty(UUID.randomUUID());
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      register(a.api(), owner, receiver, "batch.started", "batch.complete");
      Set<String> batches = new HashSet<>();
      for (int i = 0; i < 10; i++) {
        batches.add(itemBatch(i % 2 == 0 ? a.api() : b.api(), owner, 2));
      }
      for (String batch : batches) {
        awaitStatus(b.api(), owner, batch, "completed");
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() >= 20);
      Thread.sleep(2_000);

      Map<String, Integer> perId = new HashMap<>();
      receiver.received().forEach(r -> perId.merge(r.id(), 1, Integer::sum));
      assertThat(perId).hasSize(20);
      assertThat(perId.values()).containsOnly(1);
    }
  }

  @Test
  void a_redelivery_sends_the_same_event_with_the_same_id_again() throws Exception {
    ApiClient api = a.api();
    String owner = faculty(UUID.randomUUID());
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      String hook = register(api, owner, receiver, "batch.started");
      itemBatch(api, owner, 1);
      await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
      JsonNode first =
          await()
              .atMost(Duration.ofSeconds(20))
              .until(
                  () -> deliveries(api, owner, hook).getFirst(),
                  d -> d.get("status").asText().equals("delivered"));
      String delivery = first.get("id").asText();

      Reply redeliver =
          api.post(HOOKS + "/" + hook + "/deliveries/" + delivery + "/redeliver", owner, null);

      assertThat(redeliver.status()).isEqualTo(202);
      await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 2);
      assertThat(receiver.received().get(1).id()).isEqualTo(receiver.received().get(0).id());
      assertThat(receiver.received().get(1).body()).isEqualTo(receiver.received().get(0).body());
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> deliveries(api, owner, hook).getFirst().get("attempts").size() == 2);
    }
  }

  @Test
  void endpoints_are_listed_changed_disabled_rotated_and_deleted_by_their_owner_only()
      throws Exception {
    ApiClient api = a.api();
    String owner = faculty(UUID.randomUUID());
    String stranger = faculty(UUID.randomUUID());
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      String hook = register(api, owner, receiver, "batch.complete");
      String firstSecret =
          api.post(HOOKS + "/" + hook + "/rotate-secret", owner, null)
              .data()
              .get("secret")
              .asText();
      assertThat(firstSecret).startsWith("whsec_");

      assertThat(api.get(HOOKS, owner).data().get("items")).hasSize(1);
      assertThat(api.get(HOOKS, owner).body()).doesNotContain("whsec_");
      assertThat(api.get(HOOKS, stranger).data().get("items")).isEmpty();
      assertThat(api.get(HOOKS + "/" + hook, stranger).status()).isEqualTo(404);
      assertThat(api.json("PATCH", HOOKS + "/" + hook, stranger, "{\"enabled\":false}").status())
          .isEqualTo(404);
      assertThat(api.delete(HOOKS + "/" + hook, stranger).status()).isEqualTo(404);

      Reply disabled =
          api.json(
              "PATCH",
              HOOKS + "/" + hook,
              owner,
              "{\"enabled\":false,\"description\":\"paused for maintenance\",\"eventTypes\":[\"batch.failed\",\"batch.complete\"]}");
      assertThat(disabled.status()).isEqualTo(200);
      assertThat(disabled.data().get("enabled").asBoolean()).isFalse();
      assertThat(disabled.data().get("disabledReason").asText()).isEqualTo("owner");
      assertThat(disabled.data().get("eventTypes").toString()).contains("batch.failed");

      String batch = itemBatch(api, owner, 1);
      awaitStatus(api, owner, batch, "completed");
      Thread.sleep(1_500);
      assertThat(receiver.received()).as("nothing goes to a disabled endpoint").isEmpty();

      Reply enabled = api.json("PATCH", HOOKS + "/" + hook, owner, "{\"enabled\":true}");
      assertThat(enabled.data().get("enabled").asBoolean()).isTrue();
      String next = itemBatch(api, owner, 1);
      awaitStatus(api, owner, next, "completed");
      receiver.secret(firstSecret);
      await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
      assertThat(receiver.received().getFirst().verified())
          .as("signed with the rotated secret")
          .isTrue();
      assertThat(receiver.received().getFirst().signature().split(" "))
          .as("old and new sign during the overlap")
          .hasSize(2);

      assertThat(api.delete(HOOKS + "/" + hook, owner).status()).isEqualTo(200);
      assertThat(api.get(HOOKS + "/" + hook, owner).status()).isEqualTo(404);
    }
  }

  @Test
  void bad_input_gets_a_clear_error_and_never_a_500() {
    ApiClient api = a.api();
    String owner = faculty(UUID.randomUUID());
    Map<String, String> bodies =
        Map.of(
            "{}", "url",
            "{\"url\":\"ftp://example.com/\",\"eventTypes\":[\"batch.complete\"]}", "url",
            "{\"url\":\"https://example.com/\",\"eventTypes\":[]}", "eventTypes",
            "{\"url\":\"https://example.com/\",\"eventTypes\":[\"item.completed\"]}", "eventTypes",
            "{\"url\":\"https://example.com/\",\"eventTypes\":\"batch.complete\"}", "eventTypes",
            "{\"url\":42,\"eventTypes\":[\"batch.complete\"]}", "url",
            "{\"url\":\"https://user:pw@example.com/\",\"eventTypes\":[\"batch.complete\"]}", "url",
            "{\"url\":\"https://example.com/\",\"eventTypes\":[\"batch.complete\"],\"secret\":\"x\"}",
                "secret");
    bodies.forEach((body, field) -> {
      Reply reply = api.post(HOOKS, owner, body);
      assertThat(reply.status()).as(body).isEqualTo(400);
      assertThat(reply.json().get("error").get("details").toString())
          .as(body)
          .contains("\"field\":\"" + field + "\"");
    });
    assertThat(api.post(HOOKS, owner, "not json").status()).isEqualTo(400);
    assertThat(api.get(HOOKS + "/not-a-uuid", owner).status()).isEqualTo(400);
    assertThat(api.get(HOOKS + "/" + UUID.randomUUID() + "/deliveries?limit=0", owner).status())
        .isIn(400, 404);
    assertThat(api.post(HOOKS, null, "{}").status()).isEqualTo(401);
  }

  @Test
  void by_default_every_private_destination_is_refused() {
    ApiClient api = strict.api();
    String owner = faculty(UUID.randomUUID());
    for (String url :
        List.of(
            "http://127.0.0.1:9000/hook",
            "http://localhost/hook",
            "http://[::1]/hook",
            "http://[::ffff:127.0.0.1]/hook",
            "http://10.0.0.7/hook",
            "http://172.20.0.1/hook",
            "http://192.168.0.1/hook",
            "http://169.254.169.254/latest/meta-data",
            "http://[fe80::1]/hook",
            "http://[fd00::1]/hook",
            "http://0.0.0.0/hook")) {
      Reply reply =
          api.post(HOOKS, owner, "{\"url\":\"" + url + "\",\"eventTypes\":[\"batch.complete\"]}");
      assertThat(reply.status()).as(url).isEqualTo(400);
      assertThat(reply.json().get("error").get("details").get(0).get("code").asText())
          .as(url)
          .isEqualTo("refused_address");
    }
  }
}
