package dev.spool.bootstrap.reliability;

import static dev.spool.bootstrap.http.TestServer.faculty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.bootstrap.http.ApiClient;
import dev.spool.bootstrap.http.Bodies;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at random moments, restarting on the same data directory (and its embedded
 * PostgreSQL) each time: the batch still finishes, every item is completed exactly once, and a
 * completed item is never generated again.
 */
class CrashIT {
  private static final String BATCHES = "/api/v1/generation/batch";
  private static final int ITEMS = 300;
  private static final int CONCURRENCY = 8;
  private static final int KILLS = 10;
  private static final Duration START = Duration.ofSeconds(90);

  @TempDir Path data;

  @Test
  void ten_kill_9s_lose_no_completed_item_and_repeat_none_and_a_paused_batch_stays_paused()
      throws Exception {
    long seed = Long.getLong("spool.crash.seed", System.nanoTime());
    System.out.println("CrashIT seed: " + seed + " (rerun with -Dspool.crash.seed=" + seed + ")");
    Random random = new Random(seed);
    int port = SpoolProcess.freePort();
    Map<String, String> env =
        SpoolProcess.environment(
            data,
            port,
            "SPOOL_NODE_ID",
            "crash-node",
            "SPOOL_SIMULATOR_LATENCY_MS",
            "50",
            "SPOOL_SIMULATOR_JITTER_MS",
            "10",
            "SPOOL_RATE_LIMIT_RPS",
            "20");
    String owner = faculty(UUID.randomUUID());

    SpoolProcess server = SpoolProcess.start("crash-0", env, START);
    ApiClient api = new ApiClient(server.base());
    String batch =
        api.post(BATCHES, owner, Bodies.generation(ITEMS, CONCURRENCY, 2))
            .data()
            .get("batchId")
            .asText();
    String paused =
        api.post(BATCHES, owner, Bodies.generation(50, 2, 2)).data().get("batchId").asText();
    api.post(BATCHES + "/" + paused + "/pause", owner, null);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> detail(api, owner, paused).get("inProgressItems").asInt() == 0);
    int pausedCompleted = detail(api, owner, paused).get("completedItems").asInt();

    int[] killAt = killPoints(random);
    System.out.println(
        "CrashIT kills once these many items are completed: " + Arrays.toString(killAt));
    int kills = 0;
    try {
      for (; kills < KILLS; kills++) {
        awaitProgress(api, owner, batch, killAt[kills]);
        Thread.sleep(random.nextInt(250));
        assertThat(detail(api, owner, batch).get("status").asText())
            .as("still running before kill %d", kills + 1)
            .isEqualTo("running");
        server.kill();
        server = SpoolProcess.start("crash-" + (kills + 1), env, START);
        assertThat(detail(api, owner, paused).get("status").asText())
            .as("a paused batch stays paused across a kill")
            .isEqualTo("paused");
      }
      SpoolProcess last = server;
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> detail(api, owner, batch).get("status").asText().equals("completed"));

      JsonNode done = detail(api, owner, batch);
      assertThat(done.get("completedItems").asInt()).isEqualTo(ITEMS);
      assertThat(done.get("failedItems").asInt()).isZero();
      assertThat(done.get("cancelledItems").asInt()).isZero();
      assertThat(done.get("inProgressItems").asInt()).isZero();
      assertThat(detail(api, owner, paused).get("completedItems").asInt())
          .as("nothing of the paused batch ran")
          .isEqualTo(pausedCompleted);

      try (Connection db =
          DriverManager.getConnection(
              "jdbc:postgresql://127.0.0.1:" + last.embeddedDatabasePort() + "/postgres",
              "postgres",
              "")) {
        assertExactlyOnce(db, UUID.fromString(batch), kills);
      }
    } finally {
      server.close();
    }
    assertThat(kills).isEqualTo(KILLS);
  }

  private static void assertExactlyOnce(Connection db, UUID batch, int kills) throws Exception {
    QuestionRows.assertOnePerItem(db, batch, ITEMS);
    Map<String, Integer> starts = new HashMap<>();
    Set<String> completed = new HashSet<>();
    int startedAfterCompletion = 0;
    try (PreparedStatement q =
        db.prepareStatement(
            "SELECT type, payload->>'itemId' FROM batch_events WHERE batch_id = ?"
                + " AND type IN ('item.started', 'item.completed') ORDER BY seq")) {
      q.setObject(1, batch);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          String item = rs.getString(2);
          if (rs.getString(1).equals("item.completed")) {
            assertThat(completed.add(item)).as("completed once: %s", item).isTrue();
          } else {
            starts.merge(item, 1, Integer::sum);
            if (completed.contains(item)) {
              startedAfterCompletion++;
            }
          }
        }
      }
    }
    int repeated = starts.values().stream().mapToInt(n -> n - 1).sum();
    System.out.printf(
        "CrashIT: %d items, %d kills, %d attempts started again because a kill cut them off%n",
        ITEMS, kills, repeated);
    assertThat(completed).hasSize(ITEMS);
    assertThat(startedAfterCompletion).as("a completed item is never generated again").isZero();
    assertThat(repeated)
        .as("only items in flight at a kill are generated again")
        .isLessThanOrEqualTo(kills * CONCURRENCY);
  }

  /**
   * When to kill: one random count of completed items in each tenth of the first two thirds of the
   * batch. Picking moments by progress rather than by clock time keeps every kill inside the run
   * however long each restart takes on the machine at hand, and the last 100 items (five seconds at
   * the rate limit) leave room for what a life completes before it is killed, even when the test's
   * own polls are slowed by other work on a shared machine (45 items, two seconds, once were not).
   */
  private static int[] killPoints(Random random) {
    int span = (ITEMS - 100) / KILLS;
    int[] points = new int[KILLS];
    for (int i = 0; i < KILLS; i++) {
      points[i] = 1 + i * span + random.nextInt(span);
    }
    return points;
  }

  private static void awaitProgress(ApiClient api, String owner, String batch, int completed) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> detail(api, owner, batch).get("completedItems").asInt() >= completed);
  }

  private static JsonNode detail(ApiClient api, String owner, String id) {
    return api.get(BATCHES + "/" + id + "?limit=1", owner).data();
  }
}
