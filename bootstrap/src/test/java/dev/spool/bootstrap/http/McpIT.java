package dev.spool.bootstrap.http;

import static dev.spool.bootstrap.http.TestServer.faculty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.adapter.llm.SimulatorSettings;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.ResourceContents;
import io.modelcontextprotocol.spec.McpSchema.SubscribeRequest;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spool's MCP server driven by the official Java SDK's client over Streamable HTTP, against a real
 * server that shares its database with a second node: every tool, bad arguments, another user's
 * batch, a resource subscription, and approval before anything runs.
 */
class McpIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BATCHES = "/api/v1/generation/batch";
  private static TestServer a;
  private static TestServer b;
  private final List<McpSyncClient> clients = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    SimulatorSettings simulator =
        SimulatorSettings.defaults().withLatency(Duration.ofMillis(30), Duration.ofMillis(10));
    a =
        TestServer.start(
            simulator, Optional.empty(), Map.of("SPOOL_APPROVAL_SKIP_BELOW_ITEMS", "3"));
    b =
        TestServer.start(
            simulator,
            Optional.of(a.server().databaseUrl()),
            Map.of("SPOOL_APPROVAL_SKIP_BELOW_ITEMS", "3"));
  }

  @AfterAll
  static void stop() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }

  @AfterEach
  void closeClients() {
    clients.forEach(McpSyncClient::closeGracefully);
  }

  private McpSyncClient client(String token, List<List<ResourceContents>> updates) {
    McpSyncClient client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder(a.api().base())
                    .endpoint("/mcp")
                    .requestBuilder(
                        HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                    .build())
            .requestTimeout(Duration.ofSeconds(30))
            .resourcesUpdateConsumer(updates::add)
            .build();
    clients.add(client);
    client.initialize();
    return client;
  }

  private static JsonNode call(McpSyncClient client, String tool, Map<String, Object> args) {
    CallToolResult result = client.callTool(new CallToolRequest(tool, args));
    JsonNode structured = JSON.valueToTree(result.structuredContent());
    if (Boolean.TRUE.equals(result.isError())) {
      return JSON.createObjectNode().set("error", structured.get("error"));
    }
    return structured;
  }

  private static Map<String, Object> items(int count) {
    return Map.of(
        "courseId",
        UUID.randomUUID().toString(),
        "name",
        "Character variations",
        "items",
        IntStream.range(0, count)
            .mapToObj(
                i -> Map.of("name", "pose " + i, "type", "generate", "prompt", "question " + i))
            .toList());
  }

  private static String status(String owner, String batch) {
    return a.api().get(BATCHES + "/" + batch + "?limit=1", owner).data().get("status").asText();
  }

  @Test
  void an_assistant_finds_a_course_by_name_with_the_ids_create_batch_needs() {
    UUID course = UUID.randomUUID();
    UUID slo = UUID.randomUUID();
    UUID concept = UUID.randomUUID();
    String admin = TestServer.token(UUID.randomUUID(), "catalogue-admin");
    var imported =
        a.api()
            .send(
                "POST",
                "/api/v1/catalogue/import",
                admin,
                "kind,id,code,title,course_id\n"
                    + ("course," + course + ",PHARM-301,Clinical pharmacology,\n")
                    + ("slo," + slo + ",SLO-2,Dose a renally cleared drug," + course + "\n")
                    + ("concept," + concept + ",C-9,Clearance," + course + "\n"),
                Map.of("Content-Type", "text/csv"));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    String owner = faculty(UUID.randomUUID());
    McpSyncClient client = client(owner, new CopyOnWriteArrayList<>());

    JsonNode found = call(client, "find_courses", Map.of("query", "clinical pharm"));
    assertThat(found.get("courses")).hasSize(1);
    JsonNode first = found.get("courses").get(0);
    assertThat(first.get("courseId").asText()).isEqualTo(course.toString());
    assertThat(first.get("code").asText()).isEqualTo("PHARM-301");
    assertThat(first.get("slos").get(0).get("id").asText()).isEqualTo(slo.toString());
    assertThat(first.get("concepts").get(0).get("title").asText()).isEqualTo("Clearance");

    assertThat(call(client, "find_courses", Map.of("query", "no such course zzz")).get("courses"))
        .isEmpty();
    assertThat(call(client, "find_courses", Map.of("query", "x", "limit", 50)).has("error"))
        .as("a limit over 10 is a tool error")
        .isTrue();
  }

  @Test
  void tools_are_listed_with_schemas_and_annotations() {
    McpSyncClient client = client(faculty(UUID.randomUUID()), new CopyOnWriteArrayList<>());

    List<Tool> tools = client.listTools().tools();

    assertThat(tools)
        .extracting(Tool::name)
        .containsExactlyInAnyOrder(
            "find_courses",
            "create_batch",
            "get_batch_progress",
            "list_batches",
            "pause_batch",
            "resume_batch",
            "cancel_batch",
            "retry_failed_items",
            "get_batch_results");
    assertThat(tools)
        .allSatisfy(t -> {
          assertThat(t.inputSchema()).containsEntry("type", "object");
          assertThat(t.description()).isNotBlank();
          assertThat(t.annotations()).isNotNull();
        });
    Tool progress =
        tools.stream().filter(t -> t.name().equals("get_batch_progress")).findFirst().orElseThrow();
    assertThat(progress.annotations().readOnlyHint()).isTrue();
    assertThat(progress.inputSchema()).containsEntry("required", List.of("batchId"));
    Tool cancel =
        tools.stream().filter(t -> t.name().equals("cancel_batch")).findFirst().orElseThrow();
    assertThat(cancel.annotations().destructiveHint()).isTrue();
    assertThat(cancel.description()).contains("completed questions are kept");
  }

  @Test
  void a_batch_an_assistant_creates_waits_for_approval_on_both_nodes_then_runs_once_approved()
      throws Exception {
    String owner = faculty(UUID.randomUUID());
    List<List<ResourceContents>> updates = new CopyOnWriteArrayList<>();
    McpSyncClient client = client(owner, updates);

    JsonNode created = call(client, "create_batch", items(5));
    String batch = created.get("batchId").asText();
    assertThat(created.get("status").asText()).isEqualTo("pending");
    assertThat(created.get("approval").asText()).isEqualTo("required");
    assertThat(created.get("pageUrl").asText()).isEqualTo(a.api().base() + "/#/batch/" + batch);
    assertThat(created.get("message").asText()).contains("Approve");
    client.subscribeResource(new SubscribeRequest("spool://batches/" + batch));

    Thread.sleep(5_000);
    for (TestServer node : List.of(a, b)) {
      JsonNode detail = node.api().get(BATCHES + "/" + batch + "?limit=1", owner).data();
      assertThat(detail.get("status").asText()).isEqualTo("pending");
      assertThat(detail.get("approval").asText()).isEqualTo("required");
      assertThat(detail.get("inProgressItems").asInt()).isZero();
      assertThat(detail.get("completedItems").asInt()).isZero();
      assertThat(detail.get("tokens").get("total").asLong()).isZero();
    }
    JsonNode waiting = call(client, "get_batch_progress", Map.of("batchId", batch));
    assertThat(waiting.get("status").asText()).isEqualTo("pending");

    var approved = b.api().post(BATCHES + "/" + batch + "/approve", owner, null);
    assertThat(approved.status()).isEqualTo(200);
    assertThat(approved.data().get("status").asText()).isEqualTo("running");
    await().atMost(Duration.ofSeconds(30)).until(() -> status(owner, batch).equals("completed"));

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() ->
            updates.stream()
                .flatMap(List::stream)
                .anyMatch(c ->
                    c instanceof TextResourceContents t && t.text().contains("\"completed\"")));
    assertThat(updates.getFirst().getFirst().uri()).isEqualTo("spool://batches/" + batch);
    var read = client.readResource(new ReadResourceRequest("spool://batches/" + batch)).contents();
    JsonNode resource = JSON.readTree(((TextResourceContents) read.getFirst()).text());
    assertThat(resource.get("completed").asInt()).isEqualTo(5);
    assertThat(a.api().get(BATCHES + "/" + batch + "?limit=1", owner).body())
        .doesNotContain("\"approval\":\"required\"");

    JsonNode results = call(client, "get_batch_results", Map.of("batchId", batch, "limit", 3));
    assertThat(results.get("questions")).hasSize(3);
    assertThat(results.get("questions").get(0).get("stem").asText()).isNotBlank();
    assertThat(results.get("questions").get(0).get("options").size()).isGreaterThan(1);
    assertThat(results.get("more").asBoolean()).isTrue();
    assertThat(results.get("exportCsv").asText()).endsWith("/results?format=csv");
  }

  @Test
  void a_rejected_batch_is_cancelled_with_nothing_run_and_a_small_one_runs_at_once() {
    String owner = faculty(UUID.randomUUID());
    McpSyncClient client = client(owner, new CopyOnWriteArrayList<>());
    JsonNode generation =
        call(
            client,
            "create_batch",
            Map.of(
                "courseId", UUID.randomUUID().toString(),
                "targetCount", 10,
                "scope",
                    Map.of(
                        "sloIds", List.of(UUID.randomUUID().toString()), "conceptIds", List.of()),
                "questionType", "single_best_answer",
                "difficultyDistribution", Map.of("easy", 30, "medium", 50, "hard", 20)));
    String rejected = generation.get("batchId").asText();
    assertThat(generation.get("status").asText()).isEqualTo("pending");

    var reply = a.api().post(BATCHES + "/" + rejected + "/reject", owner, null);
    assertThat(reply.data().get("status").asText()).isEqualTo("cancelled");
    JsonNode after = call(client, "get_batch_progress", Map.of("batchId", rejected));
    assertThat(after.get("completed").asInt()).isZero();
    assertThat(after.get("cancelled").asInt()).isEqualTo(10);

    JsonNode small = call(client, "create_batch", items(2));
    assertThat(small.get("status").asText()).as("under the threshold of 3").isEqualTo("running");
    assertThat(small.get("approval").isNull()).isTrue();
  }

  @Test
  void the_steering_tools_pause_resume_cancel_and_retry_and_list_filters_by_status() {
    String owner = faculty(UUID.randomUUID());
    McpSyncClient client = client(owner, new CopyOnWriteArrayList<>());
    String batch = call(client, "create_batch", items(200)).get("batchId").asText();
    a.api().post(BATCHES + "/" + batch + "/approve", owner, null);

    assertThat(call(client, "pause_batch", Map.of("batchId", batch)).get("status").asText())
        .isEqualTo("paused");
    assertThat(call(client, "list_batches", Map.of("status", "paused")).get("items"))
        .extracting(n -> n.get("batchId").asText())
        .containsExactly(batch);
    assertThat(call(client, "resume_batch", Map.of("batchId", batch)).get("status").asText())
        .isEqualTo("running");
    JsonNode cancelled = call(client, "cancel_batch", Map.of("batchId", batch));
    assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
    assertThat(cancelled.get("message").asText())
        .contains("pending items were cancelled")
        .contains("completed items are kept");
    JsonNode retry = call(client, "retry_failed_items", Map.of("batchId", batch));
    assertThat(retry.get("error").get("code").asText()).isEqualTo("INVALID_STATE_TRANSITION");
  }

  @Test
  void bad_arguments_and_another_users_batch_come_back_as_tool_errors_with_the_apis_codes() {
    String owner = faculty(UUID.randomUUID());
    McpSyncClient client = client(owner, new CopyOnWriteArrayList<>());
    McpSyncClient stranger = client(faculty(UUID.randomUUID()), new CopyOnWriteArrayList<>());
    String batch = call(client, "create_batch", items(4)).get("batchId").asText();

    assertThat(
            call(stranger, "get_batch_progress", Map.of("batchId", batch))
                .get("error")
                .get("code")
                .asText())
        .isEqualTo("FORBIDDEN");
    assertThat(
            call(stranger, "cancel_batch", Map.of("batchId", batch))
                .get("error")
                .get("code")
                .asText())
        .isEqualTo("FORBIDDEN");
    assertThat(
            call(client, "get_batch_progress", Map.of("batchId", "not-a-uuid"))
                .get("error")
                .get("code")
                .asText())
        .isEqualTo("VALIDATION_ERROR");
    assertThat(
            call(client, "get_batch_progress", Map.of())
                .get("error")
                .get("details")
                .get(0)
                .get("field")
                .asText())
        .isEqualTo("batchId");
    assertThat(
            call(client, "get_batch_progress", Map.of("batchId", UUID.randomUUID().toString()))
                .get("error")
                .get("code")
                .asText())
        .isEqualTo("NOT_FOUND");
    assertThat(call(client, "list_batches", Map.of("limit", 500)).get("error").get("code").asText())
        .isEqualTo("VALIDATION_ERROR");
    assertThat(
            call(client, "list_batches", Map.of("colour", "red"))
                .get("error")
                .get("message")
                .asText())
        .contains("unknown argument 'colour'");
    JsonNode noPrompt =
        call(
            client,
            "create_batch",
            Map.of(
                "courseId", UUID.randomUUID().toString(), "items", List.of(Map.of("name", "x"))));
    assertThat(noPrompt.get("error").get("code").asText()).isEqualTo("VALIDATION_ERROR");
    assertThat(noPrompt.get("error").get("details").toString()).contains("items[0].prompt");
    JsonNode derive =
        call(
            client,
            "create_batch",
            Map.of(
                "courseId", UUID.randomUUID().toString(),
                "items", List.of(Map.of("name", "x", "type", "derive", "prompt", "p"))));
    assertThat(derive.get("error").get("message").asText()).contains("only type is 'generate'");
    assertThat(
            call(client, "create_batch", Map.of("items", "many")).get("error").get("code").asText())
        .isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void without_a_token_the_endpoint_answers_401_pointing_at_its_resource_metadata()
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> refused =
        http.send(
            HttpRequest.newBuilder(URI.create(a.api().base() + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(401);
    String challenge = refused.headers().firstValue("WWW-Authenticate").orElseThrow();
    assertThat(challenge)
        .startsWith("Bearer")
        .contains(
            "resource_metadata=\"" + a.api().base() + "/.well-known/oauth-protected-resource\"");

    HttpResponse<String> forged =
        http.send(
            HttpRequest.newBuilder(URI.create(a.api().base() + "/mcp"))
                .header("Authorization", "Bearer not.a.token")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(401);

    HttpResponse<String> metadata =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(a.api().base() + "/.well-known/oauth-protected-resource"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode document = JSON.readTree(metadata.body());
    assertThat(document.get("resource").asText()).isEqualTo(a.api().base() + "/mcp");
    assertThat(document.get("authorization_servers").toString()).contains(TestServer.ISSUER);
    assertThat(document.get("bearer_methods_supported").get(0).asText()).isEqualTo("header");
  }
}
