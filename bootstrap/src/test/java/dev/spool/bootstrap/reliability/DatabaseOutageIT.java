package dev.spool.bootstrap.reliability;

import static dev.spool.bootstrap.http.TestServer.faculty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.bootstrap.http.ApiClient;
import dev.spool.bootstrap.http.Bodies;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops for 10 seconds mid-batch under a running server process: the server stays up and
 * says it is not ready, and once the database is back the batch completes with exact counts.
 */
class DatabaseOutageIT {
  private static final String BATCHES = "/api/v1/generation/batch";
  private static final int ITEMS = 200;

  @TempDir Path temp;

  @Test
  void a_ten_second_database_outage_loses_nothing_and_the_server_reports_not_ready()
      throws Exception {
    Map<String, String> env;
    try (StandalonePostgres postgres =
        StandalonePostgres.start(Files.createDirectories(temp.resolve("pg")))) {
      env =
          SpoolProcess.environment(
              temp.resolve("spool"),
              SpoolProcess.freePort(),
              "SPOOL_DATABASE_URL",
              postgres.url(),
              "SPOOL_DATABASE_USER",
              "postgres",
              "SPOOL_SIMULATOR_LATENCY_MS",
              "50",
              "SPOOL_SIMULATOR_JITTER_MS",
              "10",
              "SPOOL_RATE_LIMIT_RPS",
              "20");
      run(env, postgres);
    }
  }

  private static void run(Map<String, String> env, StandalonePostgres postgres) throws Exception {
    try (SpoolProcess server = SpoolProcess.start("outage", env, Duration.ofSeconds(90))) {
      ApiClient api = new ApiClient(server.base());
      HttpClient http = HttpClient.newHttpClient();
      String owner = faculty(UUID.randomUUID());
      String id =
          api.post(BATCHES, owner, Bodies.generation(ITEMS, 4, 2)).data().get("batchId").asText();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> detail(api, owner, id).get("completedItems").asInt() >= 20);

      postgres.stop();
      Set<Integer> readiness = new HashSet<>();
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < until) {
        readiness.add(ready(http, server.base()));
        assertThat(server.isAlive()).as("the server does not exit").isTrue();
        Thread.sleep(500);
      }
      assertThat(readiness).as("/health/ready during the outage").containsOnly(503);

      postgres.restart();
      await().atMost(Duration.ofSeconds(60)).until(() -> ready(http, server.base()) == 200);
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> detail(api, owner, id).get("status").asText().equals("completed"));

      JsonNode done = detail(api, owner, id);
      assertThat(done.get("completedItems").asInt()).isEqualTo(ITEMS);
      assertThat(done.get("failedItems").asInt()).isZero();
      assertThat(done.get("inProgressItems").asInt()).isZero();
      try (Connection db = postgres.connect()) {
        QuestionRows.assertOnePerItem(db, UUID.fromString(id), ITEMS);
      }
    }
  }

  private static int ready(HttpClient http, String base) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(base + "/health/ready"))
                  .timeout(Duration.ofSeconds(8))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static JsonNode detail(ApiClient api, String owner, String id) {
    return api.get(BATCHES + "/" + id + "?limit=1", owner).data();
  }
}
