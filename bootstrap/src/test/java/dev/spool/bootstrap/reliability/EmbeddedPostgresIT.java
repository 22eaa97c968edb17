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
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spool supervises its embedded PostgreSQL: a killed postmaster is started again on the same files
 * while calls answer 503 at once; a Spool killed together with its postmaster starts again at once;
 * and a database that cannot come back fails the liveness check, so that a process supervisor
 * restarts Spool.
 */
class EmbeddedPostgresIT {
  private static final String BATCHES = "/api/v1/generation/batch";
  private static final String OUTAGE_BEGAN = "the database is unavailable (";
  private static final String OUTAGE_ENDED = "the database is available again";

  /** Refusals must not wait out the pool's 5 s connection timeout, as they did. */
  private static final Duration BEFORE_POOL_TIMEOUT = Duration.ofSeconds(4);

  @TempDir Path data;

  private final HttpClient http = HttpClient.newHttpClient();
  private final String owner = faculty(UUID.randomUUID());

  private Map<String, String> env(String... more) {
    List<String> settings =
        new ArrayList<>(
            List.of(
                "SPOOL_SIMULATOR_LATENCY_MS", "50",
                "SPOOL_SIMULATOR_JITTER_MS", "10",
                "SPOOL_RATE_LIMIT_RPS", "40"));
    settings.addAll(List.of(more));
    return SpoolProcess.environment(data, SpoolProcess.freePort(), settings.toArray(String[]::new));
  }

  @Test
  void a_killed_postmaster_is_started_again_and_calls_meanwhile_answer_503_at_once()
      throws Exception {
    try (SpoolProcess server = SpoolProcess.start("pg-kill", env(), Duration.ofSeconds(90))) {
      ApiClient api = new ApiClient(server.base());
      String id = create(api, 200);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> detail(api, id).get("completedItems").asInt() >= 20);

      killPostmaster();
      // A call that starts in the instant before the server notices waits in the pool until the
      // postmaster is back (up to the pool's timeout) and then succeeds: with a restart of 2 s, a
      // run saw nothing but 200s. Once the outage is noticed, every call must answer 503 at once.
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> status(server.base() + "/health/ready") == 503);
      List<Integer> statuses = new ArrayList<>();
      long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      boolean sawOutage = false;
      while (System.nanoTime() < until) {
        Timed reply = timed(server.base() + BATCHES + "/" + id + "?limit=1");
        statuses.add(reply.status());
        assertThat(reply.elapsed())
            .as("answered without waiting on the pool")
            .isLessThan(BEFORE_POOL_TIMEOUT);
        if (reply.status() == 503) {
          sawOutage = true;
          assertThat(reply.response().headers().firstValue("Retry-After")).isPresent();
          assertThat(reply.response().body()).contains("SERVICE_UNAVAILABLE");
        }
        assertThat(status(server.base() + "/health/live")).as("liveness").isEqualTo(200);
        if (sawOutage && reply.status() == 200) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(statuses).as("the outage was seen and ended").contains(503).endsWith(200);
      assertThat(statuses).as("nothing but 200 and 503").containsOnly(200, 503);

      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> detail(api, id).get("status").asText().equals("completed"));
      JsonNode done = detail(api, id);
      assertThat(done.get("completedItems").asInt()).isEqualTo(200);
      assertThat(done.get("failedItems").asInt()).isZero();
      try (Connection db = database(server)) {
        QuestionRows.assertOnePerItem(db, UUID.fromString(id), 200);
      }
      assertThat(server.count(OUTAGE_BEGAN)).as("the outage is logged once").isEqualTo(1);
      assertThat(server.count(OUTAGE_ENDED)).as("and its end once").isEqualTo(1);
    }
  }

  /**
   * Killed together, the postmaster can outlive its Spool by a moment as a zombie, whose lock file
   * PostgreSQL takes for a live server's; the new Spool must wait for it rather than give up.
   */
  @Test
  void spool_killed_together_with_its_postmaster_starts_again_at_once() throws Exception {
    Map<String, String> env = env();
    String id;
    try (SpoolProcess first = SpoolProcess.start("double-kill-0", env, Duration.ofSeconds(90))) {
      id = create(new ApiClient(first.base()), 100);
      killPostmaster();
      first.kill();
    }
    for (int round = 1; round <= 3; round++) {
      try (SpoolProcess again =
          SpoolProcess.start("double-kill-" + round, env, Duration.ofSeconds(90))) {
        ApiClient api = new ApiClient(again.base());
        assertThat(detail(api, id).get("totalItems").asInt()).isEqualTo(100);
        if (round < 3) {
          killPostmaster();
          again.kill();
        } else {
          await()
              .atMost(Duration.ofSeconds(120))
              .pollInterval(Duration.ofSeconds(1))
              .until(() -> detail(api, id).get("status").asText().equals("completed"));
          try (Connection db = database(again)) {
            QuestionRows.assertOnePerItem(db, UUID.fromString(id), 100);
          }
        }
      }
    }
  }

  @Test
  void a_database_that_cannot_come_back_fails_liveness_until_it_does() throws Exception {
    Map<String, String> env = env("SPOOL_DATABASE_RECOVERY_SECONDS", "5");
    try (SpoolProcess server = SpoolProcess.start("pg-broken", env, Duration.ofSeconds(90))) {
      Path config = data.resolve("postgres").resolve("postgresql.conf");
      String original = Files.readString(config);
      Files.writeString(config, "\nshared_buffers = 'not a size'\n", StandardOpenOption.APPEND);
      killPostmaster();

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> status(server.base() + "/health/live") == 503);
      assertThat(status(server.base() + "/health/ready")).isEqualTo(503);
      assertThat(server.isAlive()).isTrue();

      Files.writeString(config, original);
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> status(server.base() + "/health/ready") == 200);
      assertThat(status(server.base() + "/health/live")).isEqualTo(200);
      ApiClient api = new ApiClient(server.base());
      assertThat(api.get(BATCHES, owner).status()).isEqualTo(200);
    }
  }

  private void killPostmaster() throws Exception {
    Path pidFile = data.resolve("postgres").resolve("postmaster.pid");
    long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
  }

  private String create(ApiClient api, int items) {
    return api.post(BATCHES, owner, Bodies.generation(items, 4, 2)).data().get("batchId").asText();
  }

  private JsonNode detail(ApiClient api, String id) {
    return api.get(BATCHES + "/" + id + "?limit=1", owner).data();
  }

  private static Connection database(SpoolProcess server) throws Exception {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + server.embeddedDatabasePort() + "/postgres",
        "postgres",
        "");
  }

  private record Timed(HttpResponse<String> response, Duration elapsed) {
    int status() {
      return response.statusCode();
    }
  }

  private Timed timed(String url) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + owner)
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
  }

  private int status(String url) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }
}
