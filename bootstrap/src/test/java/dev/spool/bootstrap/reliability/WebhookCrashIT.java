package dev.spool.bootstrap.reliability;

import static dev.spool.bootstrap.http.TestServer.faculty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.bootstrap.http.ApiClient;
import dev.spool.bootstrap.http.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server process is killed with {@code kill -9} while a webhook is on the wire: its receiver has
 * the request and has not answered. Another process on the same PostgreSQL takes the delivery over
 * once its lease runs out and sends it again, with the same {@code webhook-id}, so the event still
 * arrives and the receiver can tell it is the same one.
 */
class WebhookCrashIT {
  private static final Duration START = Duration.ofSeconds(90);

  @TempDir Path temp;

  @Test
  void a_delivery_in_flight_when_its_node_dies_is_delivered_by_another_node() throws Exception {
    try (StandalonePostgres postgres =
            StandalonePostgres.start(Files.createDirectories(temp.resolve("pg")));
        WebhookReceiver receiver = new WebhookReceiver()) {
      SpoolProcess first = SpoolProcess.start("webhook-node-0", environment(postgres, 0), START);
      SpoolProcess second = null;
      try {
        String owner = faculty(UUID.randomUUID());
        ApiClient api = new ApiClient(first.base());
        JsonNode endpoint =
            api.post(
                    "/api/v1/webhooks",
                    owner,
                    "{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"batch.started\"]}")
                .data();
        receiver.secret(endpoint.get("secret").asText());
        receiver.hold();
        api.post(
            "/api/v1/generation/batch",
            owner,
            "{\"courseId\":\""
                + UUID.randomUUID()
                + "\",\"items\":[{\"name\":\"a\",\"prompt\":\"one question\"}]}");

        assertThat(receiver.awaitArrival(Duration.ofSeconds(30)))
            .as("node-0 sent the webhook")
            .isTrue();
        first.kill();
        receiver.release();
        second = SpoolProcess.start("webhook-node-1", environment(postgres, 1), START);

        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> receiver.received().size() >= 2);
        // the first request's answer went to a dead socket; the second came from node-1
        WebhookReceiver.Received delivered = receiver.received().get(1);
        assertThat(delivered.answered()).isEqualTo(200);
        assertThat(receiver.received().getFirst().id())
            .as("the same event, by its webhook-id")
            .isEqualTo(delivered.id());
        assertThat(delivered.verified()).isTrue();
        assertThat(delivered.body().get("type").asText()).isEqualTo("batch.started");

        Thread.sleep(1_000);
        JsonNode log =
            new ApiClient(second.base())
                .get("/api/v1/webhooks/" + endpoint.get("id").asText() + "/deliveries", owner)
                .data()
                .get("items");
        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("status").asText()).isEqualTo("delivered");
        assertThat(log.get(0).get("attemptCount").asInt()).isEqualTo(2);
        assertThat(log.get(0).get("attempts"))
            .as("the dead node's attempt left no record; the second one did")
            .hasSize(1);
        assertThat(log.get(0).get("attempts").get(0).get("attempt").asInt()).isEqualTo(2);
      } finally {
        receiver.release();
        first.close();
        if (second != null) {
          second.close();
        }
      }
    }
  }

  private Map<String, String> environment(StandalonePostgres postgres, int node) {
    return SpoolProcess.environment(
        temp.resolve("node-" + node),
        SpoolProcess.freePort(),
        "SPOOL_DATABASE_URL",
        postgres.url(),
        "SPOOL_DATABASE_USER",
        "postgres",
        "SPOOL_NODE_ID",
        "webhook-node-" + node,
        "SPOOL_WEBHOOK_ALLOW_PRIVATE",
        "true",
        "SPOOL_WEBHOOK_TIMEOUT_SECONDS",
        "3",
        "SPOOL_SIMULATOR_LATENCY_MS",
        "50");
  }
}
