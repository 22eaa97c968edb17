package dev.spool.bootstrap.http;

import static dev.spool.bootstrap.http.TestServer.faculty;
import static dev.spool.bootstrap.http.TestServer.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.adapter.llm.SimulatorSettings;
import dev.spool.bootstrap.http.ApiClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every endpoint of the batch API and every error code, over real HTTP. */
class ApiIT {
  static final String BATCHES = "/api/v1/generation/batch";
  private static TestServer server;
  private static ApiClient api;

  private final UUID user = UUID.randomUUID();
  private final String owner = faculty(user);

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            SimulatorSettings.defaults()
                .withLatency(Duration.ofMillis(40), Duration.ofMillis(10))
                .withRates(0.2, 0, 0, 0));
    api = server.api();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private String create(String body) {
    Reply reply = api.post(BATCHES, owner, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.data().get("batchId").asText();
  }

  private JsonNode awaitStatus(String id, String... statuses) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> api.get(BATCHES + "/" + id, owner).data(),
            d -> List.of(statuses).contains(d.get("status").asText()));
  }

  @Test
  void a_created_batch_runs_and_its_detail_items_and_questions_can_be_read() {
    Reply created = api.post(BATCHES, owner, Bodies.generation(12, 4));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.data().get("totalItems").asInt()).isEqualTo(12);
    assertThat(created.data().get("status").asText()).isIn("pending", "running");
    String id = created.data().get("batchId").asText();
    assertThat(created.headers().firstValue("Location")).contains(BATCHES + "/" + id);
    assertThat(api.get(created.headers().firstValue("Location").orElseThrow(), owner).status())
        .isEqualTo(200);

    JsonNode done = awaitStatus(id, "completed", "completed_with_errors");
    assertThat(done.get("id").asText()).isEqualTo(id);
    assertThat(done.get("totalItems").asInt()).isEqualTo(12);
    assertThat(done.get("completedItems").asInt() + done.get("failedItems").asInt()).isEqualTo(12);
    assertThat(done.get("config").get("targetCount").asInt()).isEqualTo(12);
    assertThat(done.get("startedAt").isNull()).isFalse();
    assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
    assertThat(done.get("tokens").get("total").asLong()).isPositive();
    assertThat(done.get("items")).hasSize(12);

    JsonNode completedItem =
        api.get(BATCHES + "/" + id + "/items?status=completed&limit=1", owner).data();
    assertThat(completedItem.get("items")).hasSize(1);
    String questionId = completedItem.get("items").get(0).get("questionId").asText();
    Reply question = api.get("/api/v1/generation/questions/" + questionId, owner);
    assertThat(question.status()).isEqualTo(200);
    assertThat(question.data().get("stem").asText()).hasSizeGreaterThanOrEqualTo(80);
    assertThat(question.data().get("batchId").asText()).isEqualTo(id);
  }

  @Test
  void the_item_list_form_creates_one_item_per_prompt() {
    String body =
        """
        {"courseId":"%s","name":"listed","items":[
          {"name":"first","prompt":"Ask about the heart"},
          {"name":"second","prompt":"Ask about the lungs"}]}
        """
            .formatted(UUID.randomUUID());
    String id = create(body);

    JsonNode items = api.get(BATCHES + "/" + id + "/items", owner).data().get("items");
    assertThat(items).extracting(i -> i.get("name").asText()).containsExactly("first", "second");
  }

  @Test
  void the_same_idempotency_key_returns_the_first_batch_and_a_different_body_is_refused() {
    String body = Bodies.generation(3, 1);
    Map<String, String> json = Map.of("Content-Type", "application/json", "Idempotency-Key", "k-1");
    Reply first = api.send("POST", BATCHES, owner, body, json);
    Reply again = api.send("POST", BATCHES, owner, body, json);
    Reply other = api.send("POST", BATCHES, owner, Bodies.generation(4, 1), json);

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(again.data().get("batchId")).isEqualTo(first.data().get("batchId"));
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.errorCode()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
  }

  @Test
  void listing_is_newest_first_filtered_by_status_and_paged_by_cursor() {
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      made.add(create(Bodies.generation(1, 1)));
    }
    // one item against a 20 % failure rate fails all three tries about once in 125 batches,
    // and a batch whose only item failed ends failed: any end will do for the listing
    made.forEach(id -> awaitStatus(id, "completed", "completed_with_errors", "failed"));
    String paused = create(Bodies.generation(200, 1));
    api.post(BATCHES + "/" + paused + "/pause", owner, null);

    JsonNode page1 = api.get(BATCHES + "?limit=2", owner).data();
    JsonNode page2 =
        api.get(BATCHES + "?limit=2&cursor=" + page1.get("nextCursor").asText(), owner).data();
    JsonNode onlyPaused = api.get(BATCHES + "?status=paused", owner).data();

    List<String> ids = new ArrayList<>();
    page1.get("items").forEach(b -> ids.add(b.get("id").asText()));
    page2.get("items").forEach(b -> ids.add(b.get("id").asText()));
    assertThat(ids).containsExactly(paused, made.get(2), made.get(1), made.get(0));
    assertThat(page2.get("nextCursor").isNull()).isTrue();
    assertThat(onlyPaused.get("items"))
        .extracting(b -> b.get("id").asText())
        .containsExactly(paused);
    api.post(BATCHES + "/" + paused + "/cancel", owner, null);
  }

  @Test
  void bad_list_and_page_parameters_are_validation_errors() {
    assertThat(api.get(BATCHES + "?status=bogus", owner).errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(api.get(BATCHES + "?limit=0", owner).errorCode()).isEqualTo("VALIDATION_ERROR");
    Reply notANumber = api.get(BATCHES + "?limit=abc", owner);
    assertThat(notANumber.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(notANumber.body()).contains("wrong_type");
    assertThat(api.get(BATCHES + "?limit=0", owner).body()).contains("out_of_range");
    assertThat(api.get(BATCHES + "?limit=201", owner).status()).isEqualTo(400);
    assertThat(api.get(BATCHES + "?cursor=%25%25%25", owner).errorCode())
        .isEqualTo("VALIDATION_ERROR");
    assertThat(api.get(BATCHES + "?limit=1&limit=2", owner).errorCode())
        .isEqualTo("MALFORMED_REQUEST");
  }

  @Test
  void every_field_error_of_a_bad_config_is_listed() {
    String body =
        """
        {"courseId":"%s","targetCount":0,"questionType":"essay",
         "difficultyDistribution":{"easy":50,"medium":50,"hard":50},"concurrency":0}
        """
            .formatted(UUID.randomUUID());
    Reply reply = api.post(BATCHES, owner, body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(reply.json().get("error").get("details"))
        .extracting(d -> d.get("field").asText())
        .contains("targetCount", "scope", "questionType", "difficultyDistribution", "concurrency");
  }

  /**
   * PostgreSQL refuses U+0000 in text, and a driver writes a lone surrogate as {@code ?}: both must
   * be a 400 naming the field on every text field, never a 500 or a silently changed name. (The
   * bodies carry JSON escapes, so the characters reach the server only through the JSON parser.)
   */
  @Test
  void nul_characters_and_lone_surrogates_are_validation_errors_naming_the_field() {
    String course = UUID.randomUUID().toString();
    Map<String, String> bodies =
        Map.of(
            "name",
            Bodies.generation(2, 1).replace("Cardiology set", "a\\u0000b"),
            "items[0].name",
            itemList(course, "a\\u0000b", "a prompt"),
            "items[0].prompt",
            itemList(course, "item", "nul \\u0000 in the prompt"),
            "items[1].name",
            itemList(course, "fine", "fine")
                .replace("}]}", "},{\"name\":\"x\\udc00\",\"prompt\":\"p\"}]}"));
    for (var body : bodies.entrySet()) {
      Reply reply = api.post(BATCHES, owner, body.getValue());

      assertThat(reply.status()).as(body.getKey()).isEqualTo(400);
      assertThat(reply.errorCode()).as(body.getKey()).isEqualTo("VALIDATION_ERROR");
      assertThat(reply.json().get("error").get("details"))
          .as(body.getKey())
          .extracting(d -> d.get("field").asText())
          .containsExactly(body.getKey());
    }
    Reply surrogateName =
        api.post(BATCHES, owner, Bodies.generation(2, 1).replace("Cardiology set", "x\\ud800"));
    assertThat(surrogateName.status()).isEqualTo(400);
    assertThat(surrogateName.body()).contains("surrogate");
  }

  @Test
  void a_name_of_one_hundred_and_one_emoji_is_stored_as_sent() {
    String name = "\uD83C\uDF93".repeat(101); // two UTF-16 units each, 202 in all
    Reply created =
        api.post(BATCHES, owner, Bodies.generation(2, 1).replace("Cardiology set", name));

    assertThat(created.status()).isEqualTo(201);
    String id = created.data().get("batchId").asText();
    assertThat(api.get(BATCHES + "/" + id, owner).data().get("name").asText()).isEqualTo(name);
  }

  private static String itemList(String course, String name, String prompt) {
    return "{\"courseId\":\"%s\",\"items\":[{\"name\":\"%s\",\"prompt\":\"%s\"}]}"
        .formatted(course, name, prompt);
  }

  @Test
  void malformed_bodies_and_ids_are_refused_with_their_codes() {
    String course = UUID.randomUUID().toString();
    assertThat(api.post(BATCHES, owner, "{not json").errorCode()).isEqualTo("MALFORMED_REQUEST");
    assertThat(api.post(BATCHES, owner, "").errorCode()).isEqualTo("MALFORMED_REQUEST");
    assertThat(api.post(BATCHES, owner, "[1,2]").errorCode()).isEqualTo("MALFORMED_REQUEST");
    assertThat(api.post(BATCHES, owner, "null").errorCode()).isEqualTo("MALFORMED_REQUEST");
    assertThat(api.post(BATCHES, owner, "{\"courseId\":\"nope\"}").errorCode())
        .isEqualTo("MALFORMED_REQUEST");
    assertThat(
            api.post(
                    BATCHES,
                    owner,
                    "{\"courseId\":\"%s\",\"courseId\":\"%s\"}".formatted(course, course))
                .errorCode())
        .isEqualTo("MALFORMED_REQUEST");
    assertThat(api.get(BATCHES + "/not-a-uuid", owner).errorCode()).isEqualTo("MALFORMED_REQUEST");
    assertThat(api.get("/api/v1/generation/questions/123", owner).errorCode())
        .isEqualTo("MALFORMED_REQUEST");
  }

  @Test
  void unknown_fields_wrong_types_and_huge_numbers_are_validation_errors() {
    String course = UUID.randomUUID().toString();
    Reply typo =
        api.post(BATCHES, owner, "{\"courseId\":\"%s\",\"targetCont\":5}".formatted(course));
    Reply nestedTypo =
        api.post(
            BATCHES, owner, "{\"courseId\":\"%s\",\"scope\":{\"sloId\":[]}}".formatted(course));
    Reply wrongType =
        api.post(BATCHES, owner, "{\"courseId\":\"%s\",\"targetCount\":\"5\"}".formatted(course));
    Reply fraction =
        api.post(BATCHES, owner, "{\"courseId\":\"%s\",\"targetCount\":2.5}".formatted(course));
    Reply huge =
        api.post(
            BATCHES,
            owner,
            "{\"courseId\":\"%s\",\"targetCount\":99999999999999999999999}".formatted(course));

    assertThat(typo.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(typo.json().get("error").get("details").get(0).get("field").asText())
        .isEqualTo("targetCont");
    assertThat(nestedTypo.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(wrongType.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(fraction.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(huge.status()).isEqualTo(400);
  }

  @Test
  void a_body_over_one_mebibyte_is_413_and_a_body_that_is_not_json_is_415() {
    String big = "{\"name\":\"" + "x".repeat(1024 * 1024) + "\"}";
    Reply tooLarge = api.post(BATCHES, owner, big);
    Reply notJson =
        api.send("POST", BATCHES, owner, "courseId=1", Map.of("Content-Type", "text/plain"));

    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.errorCode()).isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(notJson.status()).isEqualTo(415);
    assertThat(notJson.errorCode()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void controls_return_the_seed_responses_and_refuse_transitions_the_status_does_not_allow() {
    String id = create(Bodies.generation(300, 1));
    String base = BATCHES + "/" + id;

    Reply pause = api.post(base + "/pause", owner, null);
    Reply pauseAgain = api.post(base + "/pause", owner, null);
    Reply resume = api.post(base + "/resume", owner, null);
    Reply resumeRunning = api.post(base + "/resume", owner, null);
    Reply deleteRunning = api.delete(base, owner);
    Reply cancel = api.post(base + "/cancel", owner, null);
    Reply cancelAgain = api.post(base + "/cancel", owner, null);

    assertThat(pause.data().get("status").asText()).isEqualTo("paused");
    assertThat(pause.data().get("batchId").asText()).isEqualTo(id);
    assertThat(pauseAgain.errorCode()).isEqualTo("INVALID_STATE_TRANSITION");
    assertThat(resume.data().get("status").asText()).isEqualTo("running");
    assertThat(resumeRunning.errorCode()).isEqualTo("INVALID_STATE_TRANSITION");
    assertThat(deleteRunning.errorCode()).isEqualTo("INVALID_STATE_TRANSITION");
    assertThat(cancel.data().get("status").asText()).isEqualTo("cancelled");
    int completed = cancel.data().get("completedItems").asInt();
    int cancelled = cancel.data().get("cancelledItems").asInt();
    int inFlight = cancel.data().get("inFlightItems").asInt();
    assertThat(cancelled).isPositive();
    assertThat(inFlight).isNotNegative();
    assertThat(completed + cancelled + inFlight).isLessThanOrEqualTo(300);
    assertThat(completed + cancelled).isLessThanOrEqualTo(300);
    assertThat(cancelAgain.errorCode()).isEqualTo("INVALID_STATE_TRANSITION");
  }

  @Test
  void retry_failed_reruns_the_failed_items_and_delete_removes_a_finished_batch() {
    String id = create(Bodies.generation(30, 5, 0));
    JsonNode done = awaitStatus(id, "completed_with_errors", "completed");
    assertThat(done.get("status").asText()).isEqualTo("completed_with_errors");

    Reply retry = api.post(BATCHES + "/" + id + "/retry-failed", owner, null);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.data().get("status").asText()).isEqualTo("running");
    awaitStatus(id, "completed_with_errors", "completed");

    Reply deleted = api.delete(BATCHES + "/" + id, owner);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(api.get(BATCHES + "/" + id, owner).status()).isEqualTo(404);
  }

  /**
   * Cancel changes the status at once with the first chunk of pending items; the rest of a big
   * batch's pending items are cancelled in chunks afterwards, and the counts show them go. Delete
   * takes the batch out of every read at once.
   */
  @Test
  void a_big_batch_is_cancelled_and_deleted_at_once_and_its_items_follow_in_chunks() {
    String id = create(Bodies.generation(10_000, 2, 0));

    Reply cancel = api.post(BATCHES + "/" + id + "/cancel", owner, null);
    assertThat(cancel.status()).isEqualTo(200);
    assertThat(cancel.data().get("status").asText()).isEqualTo("cancelled");
    assertThat(cancel.data().get("cancelledItems").asInt()).isPositive();

    JsonNode settled =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> api.get(BATCHES + "/" + id + "?limit=1", owner).data(),
                d -> d.get("pendingItems").asInt() == 0 && d.get("inProgressItems").asInt() == 0);
    assertThat(
            settled.get("completedItems").asInt()
                + settled.get("failedItems").asInt()
                + settled.get("cancelledItems").asInt())
        .isEqualTo(10_000);
    assertThat(api.get(BATCHES + "/" + id + "/items?status=pending", owner).data().get("items"))
        .isEmpty();

    assertThat(api.delete(BATCHES + "/" + id, owner).status()).isEqualTo(200);
    assertThat(api.get(BATCHES + "/" + id, owner).status()).isEqualTo(404);
    assertThat(api.get(BATCHES + "/" + id + "/items", owner).status()).isEqualTo(404);
  }

  @Test
  void unknown_batches_questions_and_routes_are_404_and_wrong_methods_405() {
    String missing = BATCHES + "/" + UUID.randomUUID();
    assertThat(api.get(missing, owner).errorCode()).isEqualTo("NOT_FOUND");
    assertThat(api.get(missing + "/items", owner).errorCode()).isEqualTo("NOT_FOUND");
    assertThat(api.post(missing + "/pause", owner, null).errorCode()).isEqualTo("NOT_FOUND");
    assertThat(api.post(missing + "/cancel", owner, null).errorCode()).isEqualTo("NOT_FOUND");
    assertThat(api.delete(missing, owner).errorCode()).isEqualTo("NOT_FOUND");
    assertThat(api.get("/api/v1/generation/questions/" + UUID.randomUUID(), owner).errorCode())
        .isEqualTo("NOT_FOUND");
    assertThat(api.get("/api/v1/nothing-here", owner).errorCode()).isEqualTo("NOT_FOUND");
    Reply wrongMethod = api.send("PUT", BATCHES, owner, null, Map.of());
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
  }

  @Test
  void another_user_is_refused_on_every_endpoint_of_a_batch() {
    String id = create(Bodies.generation(50, 1));
    String stranger = faculty(UUID.randomUUID());
    String base = BATCHES + "/" + id;

    List<Reply> replies =
        List.of(
            api.get(base, stranger),
            api.get(base + "/items", stranger),
            api.post(base + "/pause", stranger, null),
            api.post(base + "/resume", stranger, null),
            api.post(base + "/cancel", stranger, null),
            api.post(base + "/retry-failed", stranger, null),
            api.post(base + "/stream-ticket", stranger, null),
            api.delete(base, stranger),
            api.get(base + "/progress", stranger));

    assertThat(replies).allSatisfy(r -> assertThat(r.errorCode()).isEqualTo("FORBIDDEN"));
    assertThat(api.get(BATCHES, stranger).data().get("items")).isEmpty();
    api.post(base + "/cancel", owner, null);
  }

  @Test
  void a_question_of_another_users_batch_is_forbidden() {
    String id = create(Bodies.generation(2, 2, 5));
    awaitStatus(id, "completed");
    String questionId =
        api.get(BATCHES + "/" + id, owner).data().get("items").get(0).get("questionId").asText();

    Reply reply = api.get("/api/v1/generation/questions/" + questionId, faculty(UUID.randomUUID()));

    assertThat(reply.errorCode()).isEqualTo("FORBIDDEN");
  }

  @Test
  void creating_without_the_faculty_role_is_forbidden() {
    Reply reply = api.post(BATCHES, token(user, "student"), Bodies.generation(2, 1));

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.errorCode()).isEqualTo("FORBIDDEN");
  }

  @Test
  void health_metrics_and_the_openapi_document_are_served() {
    Reply live = api.get("/health/live", null);
    Reply ready = api.get("/health/ready", null);
    String id = create(Bodies.generation(2, 2, 5));
    awaitStatus(id, "completed");
    Reply metrics = api.get("/metrics", null);
    Reply openApi = api.get("/openapi.json", null);

    assertThat(live.status()).isEqualTo(200);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.data().get("status").asText()).isEqualTo("ready");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body())
        .contains(
            "spool_items_started_total",
            "spool_items_completed_total",
            "spool_items_failed_total",
            "spool_items_retried_total",
            "spool_generation_latency_seconds",
            "spool_items_in_flight",
            "spool_items_pending",
            "spool_ratelimit_wait_seconds",
            "spool_sse_connections",
            "spool_http_requests_seconds",
            "spool_batches_concurrency{kind=\"configured\"}",
            "spool_batches_concurrency{kind=\"effective\"}",
            "spool_tokens_total{kind=\"prompt\"}",
            "spool_tokens_total{kind=\"completion\"}",
            "spool_outcome_write_seconds",
            "spool_outcome_written_total");
    assertThat(openApi.json().get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(openApi.json().at("/servers/0/url").asText())
        .as("servers names the address the request reached, on any port")
        .isEqualTo("http://127.0.0.1:" + server.server().port());
  }
}
