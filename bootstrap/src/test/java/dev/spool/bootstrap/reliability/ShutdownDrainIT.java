package dev.spool.bootstrap.reliability;

import static dev.spool.bootstrap.http.TestServer.faculty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.bootstrap.http.ApiClient;
import dev.spool.bootstrap.http.Bodies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM starts a drain: while in-flight items finish, readiness says 503 and new batches are
 * refused with 503, so that a load balancer sends work elsewhere, while calls on existing batches
 * are still served until the HTTP server stops.
 */
class ShutdownDrainIT {
  private static final String BATCHES = "/api/v1/generation/batch";

  @TempDir Path data;

  @Test
  void a_draining_node_is_not_ready_refuses_new_batches_and_still_serves_existing_ones()
      throws Exception {
    String owner = faculty(UUID.randomUUID());
    try (SpoolProcess server =
        SpoolProcess.start(
            "drain",
            SpoolProcess.environment(
                data,
                SpoolProcess.freePort(),
                "SPOOL_SIMULATOR_LATENCY_MS",
                "6000",
                "SPOOL_SIMULATOR_JITTER_MS",
                "0"),
            Duration.ofSeconds(90))) {
      ApiClient api = new ApiClient(server.base());
      String id =
          api.post(BATCHES, owner, Bodies.generation(20, 4, 2)).data().get("batchId").asText();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> api.get(BATCHES + "/" + id, owner).data().get("inProgressItems").asInt() > 0);

      server.terminate();
      await()
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> api.get("/health/ready", null).status() == 503);
      ApiClient.Reply created = api.post(BATCHES, owner, Bodies.generation(5, 1, 2));
      ApiClient.Reply paused = api.post(BATCHES + "/" + id + "/pause", owner, null);
      boolean stillRunning = server.isAlive();

      assertThat(stillRunning).as("the node was still draining").isTrue();
      assertThat(created.status()).as(created.body()).isEqualTo(503);
      assertThat(created.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
      assertThat(created.headers().firstValue("Retry-After")).isPresent();
      assertThat(paused.status()).as(paused.body()).isEqualTo(200);
      assertThat(server.awaitExit(Duration.ofSeconds(45))).as("the drain ends").isTrue();
    }
  }
}
