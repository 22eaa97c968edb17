package dev.spool.bootstrap.reliability;

import static dev.spool.bootstrap.http.TestServer.faculty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.bootstrap.http.ApiClient;
import dev.spool.bootstrap.http.Bodies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server process against a simulator that misbehaves on purpose: 20% 5xx, 10% 429 with
 * Retry-After, 5% timeouts and 5% invalid output. Every item still ends, within its budget.
 */
class FaultStormIT {
  private static final String BATCHES = "/api/v1/generation/batch";
  private static final int ITEMS = 200;
  private static final int MAX_RETRIES = 3;

  @TempDir Path data;

  @Test
  void every_item_ends_completed_or_failed_within_its_retry_budget_and_the_counts_add_up() {
    Path dataDir = data;
    try (SpoolProcess server =
        SpoolProcess.start(
            "storm",
            SpoolProcess.environment(
                dataDir,
                SpoolProcess.freePort(),
                "SPOOL_SIMULATOR_LATENCY_MS",
                "20",
                "SPOOL_SIMULATOR_JITTER_MS",
                "10",
                "SPOOL_SIMULATOR_FAILURE_RATE",
                "0.20",
                "SPOOL_SIMULATOR_RATE_LIMITED_RATE",
                "0.10",
                "SPOOL_SIMULATOR_TIMEOUT_RATE",
                "0.05",
                "SPOOL_SIMULATOR_INVALID_RATE",
                "0.05",
                "SPOOL_SIMULATOR_TIMEOUT_MS",
                "1000",
                "SPOOL_SIMULATOR_SEED",
                "7",
                "SPOOL_RATE_LIMIT_RPS",
                "200"),
            Duration.ofSeconds(90))) {
      ApiClient api = new ApiClient(server.base());
      String owner = faculty(UUID.randomUUID());
      String id =
          api.post(BATCHES, owner, Bodies.generation(ITEMS, 16, MAX_RETRIES))
              .data()
              .get("batchId")
              .asText();

      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> {
            JsonNode now = api.get(BATCHES + "/" + id + "?limit=1", owner).data();
            String status = now.get("status").asText();
            System.out.printf(
                "FaultStormIT: %s, %d completed, %d failed, %d in progress, concurrency %s%n",
                status,
                now.get("completedItems").asInt(),
                now.get("failedItems").asInt(),
                now.get("inProgressItems").asInt(),
                now.get("concurrency"));
            return status.equals("completed") || status.equals("completed_with_errors");
          });

      JsonNode batch = api.get(BATCHES + "/" + id, owner).data();
      int completed = batch.get("completedItems").asInt();
      int failed = batch.get("failedItems").asInt();
      assertThat(completed + failed).isEqualTo(ITEMS);
      assertThat(batch.get("inProgressItems").asInt()).isZero();
      assertThat(batch.get("pendingItems").asInt()).isZero();
      assertThat(completed)
          .as("most items get through a storm with 3 retries")
          .isGreaterThan(ITEMS * 8 / 10);

      List<JsonNode> items = items(api, owner, id);
      assertThat(items).hasSize(ITEMS);
      assertThat(items)
          .allSatisfy(item -> {
            assertThat(item.get("status").asText()).isIn("completed", "failed");
            assertThat(item.get("attempts").asInt()).isBetween(1, MAX_RETRIES + 1);
          });
      assertThat(items.stream().filter(i -> i.get("status").asText().equals("completed")))
          .allSatisfy(i -> assertThat(i.get("questionId").isNull()).isFalse())
          .hasSize(completed);
      assertThat(items.stream().filter(i -> i.get("status").asText().equals("failed")))
          .allSatisfy(i -> {
            assertThat(i.get("attempts").asInt()).isEqualTo(MAX_RETRIES + 1);
            assertThat(i.get("error").isNull()).isFalse();
          })
          .hasSize(failed);
      System.out.printf("FaultStormIT: %d completed, %d failed of %d%n", completed, failed, ITEMS);
    }
  }

  private static List<JsonNode> items(ApiClient api, String owner, String id) {
    List<JsonNode> all = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          api.get(
                  BATCHES
                      + "/"
                      + id
                      + "/items?limit=200"
                      + (cursor == null ? "" : "&cursor=" + cursor),
                  owner)
              .data();
      page.get("items").forEach(all::add);
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    return all;
  }
}
