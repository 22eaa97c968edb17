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
 * PostgreSQL stops for 10 seconds mid-batch under a running server process: the server stays up,
 * says it is not ready and answers calls with 503 at once, logs the outage once, and once the
 * database is back the batch completes with exact counts. With the database gone again, SIGTERM
 * still stops the server within its bound.
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
      Thread.sleep(1_000); // the database watch looks every 250 ms
      Set<Integer> readiness = new HashSet<>();
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < until) {
        readiness.add(ready(http, server.base()));
        long asked = System.nanoTime();
        ApiClient.Reply read = api.get(BATCHES + "/" + id, owner);
        assertThat(Duration.ofNanos(System.nanoTime() - asked))
            .as("a call is refused without waiting out the pool's 5 s timeout")
            .isLessThan(Duration.ofSeconds(4));
        assertThat(read.status()).as(read.body()).isEqualTo(503);
        assertThat(read.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(read.headers().firstValue("Retry-After")).isPresent();
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
      assertThat(server.count("the database is unavailable (")).as("outage logged once").isOne();
      assertThat(server.count("the database is available again")).as("end logged once").isOne();

      // SIGTERM with the database gone still stops within the documented bound
      String busy =
          api.post(BATCHES, owner, Bodies.generation(ITEMS, 4, 2)).data().get("batchId").asText();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> detail(api, owner, busy).get("inProgressItems").asInt() > 0);
      postgres.stop();
      Thread.sleep(1_000);
      long terminated = System.nanoTime();
      server.terminate();
      assertThat(server.awaitExit(Duration.ofSeconds(45)))
          .as("SIGTERM with the database gone stops within 45 s")
          .isTrue();
      System.out.printf(
          "DatabaseOutageIT: SIGTERM with the database gone took %d ms%n",
          Duration.ofNanos(System.nanoTime() - terminated).toMillis());
      postgres.restart();
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
