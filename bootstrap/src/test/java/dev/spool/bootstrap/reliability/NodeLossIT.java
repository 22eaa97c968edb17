package dev.spool.bootstrap.reliability;

import static dev.spool.bootstrap.http.TestServer.faculty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.bootstrap.http.ApiClient;
import dev.spool.bootstrap.http.Bodies;
import dev.spool.bootstrap.http.SseStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three server processes share one PostgreSQL; one is killed with {@code kill -9} mid-batch. The
 * others take over its items once their leases expire, the batch's concurrency and the shared rate
 * limit hold across all nodes as the event log shows, and an SSE client on a surviving node sees
 * every event, whichever node wrote it.
 */
class NodeLossIT {
  private static final String BATCHES = "/api/v1/generation/batch";
  private static final int NODES = 3;
  private static final int ITEMS = 300;
  private static final int CONCURRENCY = 12;
  private static final int RATE_LIMIT = 30;
  private static final int LEASE_SECONDS = 4;

  /**
   * Calls of 400 ms at 30 a second keep 12 in flight, the batch's concurrency: both limits bind, so
   * the test sees the concurrency held when it is reached. (Under a contended limit a node keeps
   * only two claimed items waiting for a permit, so in flight is about the rate times the latency:
   * at 150 ms, 4.5 and a few waiting, and the cap never showed.)
   */
  private static final int LATENCY_MS = 400;

  private static final Duration START = Duration.ofSeconds(90);

  @TempDir Path temp;

  /** One row of the batch's event log. */
  private record Logged(long seq, String type, String item, String errorCode, Instant at) {}

  @Test
  void a_killed_node_s_items_are_taken_over_and_limits_and_the_event_stream_hold_across_nodes()
      throws Exception {
    try (StandalonePostgres postgres =
        StandalonePostgres.start(Files.createDirectories(temp.resolve("pg")))) {
      List<SpoolProcess> nodes = new ArrayList<>();
      try {
        for (int n = 0; n < NODES; n++) {
          nodes.add(SpoolProcess.start("node-" + n, environment(postgres, n), START));
        }
        run(postgres, nodes);
      } finally {
        nodes.forEach(SpoolProcess::close);
      }
    }
  }

  private void run(StandalonePostgres postgres, List<SpoolProcess> nodes) throws Exception {
    String owner = faculty(UUID.randomUUID());
    String id =
        new ApiClient(nodes.get(0).base())
            .post(BATCHES, owner, Bodies.generation(ITEMS, CONCURRENCY, 3))
            .data()
            .get("batchId")
            .asText();
    List<SseStream> streams = new ArrayList<>();
    try {
      for (SpoolProcess node : nodes) {
        streams.add(
            SseStream.open(
                new ApiClient(node.base()),
                BATCHES + "/" + id + "/progress",
                Map.of("Authorization", "Bearer " + owner, "Last-Event-ID", "0")));
      }
      int victim = awaitBusiestNode(postgres, new ApiClient(nodes.get(0).base()), owner, id);
      Instant killedAt = Instant.now();
      nodes.get(victim).kill();
      // what the dead node held: nobody else may touch those rows before their leases expire, and
      // a commit it sent just before dying has arrived by now
      Thread.sleep(200);
      int held = leasesOf(postgres, victim);
      System.out.printf("NodeLossIT: killed node-%d holding %d leases%n", victim, held);
      assertThat(held).as("leases the killed node held").isPositive();
      List<Integer> survivors =
          IntStream.range(0, nodes.size()).filter(n -> n != victim).boxed().toList();

      for (int n : survivors) {
        assertThat(streams.get(n).awaitEnd(Duration.ofSeconds(120)))
            .as("the stream on surviving node-%d ends with batch.complete", n)
            .isTrue();
      }
      ApiClient survivor = new ApiClient(nodes.get(survivors.getFirst()).base());
      JsonNode done = survivor.get(BATCHES + "/" + id + "?limit=1", owner).data();
      assertThat(done.get("status").asText()).isEqualTo("completed");
      assertThat(done.get("completedItems").asInt()).isEqualTo(ITEMS);
      assertThat(done.get("inProgressItems").asInt()).isZero();

      List<Logged> log = eventLog(postgres, UUID.fromString(id));
      assertTakenOver(log, held, killedAt);
      assertConcurrencyHeld(log);
      assertRateLimitHeld(log);
      for (int n : survivors) {
        assertStreamComplete(streams.get(n), log);
      }
      assertOneQuestionPerItem(postgres, UUID.fromString(id));
    } finally {
      streams.forEach(SseStream::close);
    }
  }

  /**
   * Waits until a fifth of the batch is done, then names the node holding the most leases: the node
   * that claims first keeps a batch's slots by refilling them as it settles, so which node holds
   * them depends on which woke first.
   */
  private static int awaitBusiestNode(
      StandalonePostgres postgres, ApiClient api, String owner, String id) {
    int[] leases = new int[NODES];
    int[] done = new int[1];
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> {
            done[0] = completed(api, owner, id);
            for (int n = 0; n < NODES; n++) {
              leases[n] = leasesOf(postgres, n);
            }
            return done[0] >= ITEMS / 5 && Arrays.stream(leases).sum() > 0;
          });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "no node held a lease once a fifth of the batch was done: %d completed, leases by node %s"
              .formatted(done[0], Arrays.toString(leases)),
          e);
    }
    int busiest = 0;
    for (int n = 1; n < NODES; n++) {
      busiest = leases[n] > leases[busiest] ? n : busiest;
    }
    return busiest;
  }

  private static void assertTakenOver(List<Logged> log, int held, Instant killedAt) {
    List<Logged> expired =
        log.stream()
            .filter(e -> e.type().equals("item.failed"))
            .filter(e -> "INTERRUPTED".equals(e.errorCode()))
            .toList();
    assertThat(expired)
        .as("every item the dead node held is recovered by a survivor")
        .hasSizeGreaterThanOrEqualTo(held);
    assertThat(expired)
        .as("after its lease expired, not before")
        .allSatisfy(e ->
            assertThat(e.at())
                .isAfterOrEqualTo(killedAt.plusSeconds(LEASE_SECONDS).minusMillis(1_000)));
    System.out.printf(
        "NodeLossIT: %d items recovered after %d ms%n",
        expired.size(), Duration.between(killedAt, expired.getFirst().at()).toMillis());
  }

  /**
   * Walks the log in commit order: an item is in flight from its {@code item.started} to its {@code
   * item.completed} or {@code item.failed}, which for the dead node's items is the recovery.
   */
  private static void assertConcurrencyHeld(List<Logged> log) {
    Set<String> inFlight = new HashSet<>();
    int most = 0;
    for (Logged e : log) {
      switch (e.type()) {
        case "item.started" -> inFlight.add(e.item());
        case "item.completed", "item.failed" -> inFlight.remove(e.item());
        default -> {}
      }
      most = Math.max(most, inFlight.size());
    }
    System.out.printf("NodeLossIT: at most %d items in flight across nodes%n", most);
    assertThat(most)
        .as("the batch's concurrency across all nodes")
        .isLessThanOrEqualTo(CONCURRENCY);
    assertThat(most).as("the nodes did work in parallel").isGreaterThan(CONCURRENCY / 2);
  }

  /**
   * Every provider call ends in one {@code item.completed} or one non-recovery {@code item.failed},
   * a fixed latency after it began, so windows over the ends are windows over the calls. Windows
   * are 950 ms: the 50 ms left is the scheduling jitter between a call's start and its end, which
   * is not the limiter's. (Calls the dead node made but never recorded are not in the log.)
   */
  private static void assertRateLimitHeld(List<Logged> log) {
    List<Instant> ends =
        log.stream()
            .filter(e ->
                e.type().equals("item.completed")
                    || (e.type().equals("item.failed") && !"INTERRUPTED".equals(e.errorCode())))
            .map(Logged::at)
            .sorted()
            .toList();
    int busiest = 0;
    int from = 0;
    for (int to = 0; to < ends.size(); to++) {
      while (Duration.between(ends.get(from), ends.get(to)).toMillis() >= 950) {
        from++;
      }
      busiest = Math.max(busiest, to - from + 1);
    }
    double seconds = Duration.between(ends.getFirst(), ends.getLast()).toMillis() / 1000.0;
    System.out.printf(
        "NodeLossIT: busiest window %d calls (limit %d), mean %.1f calls/s%n",
        busiest, RATE_LIMIT, ends.size() / seconds);
    assertThat(busiest)
        .as("calls in any window, all nodes together")
        .isLessThanOrEqualTo(RATE_LIMIT);
  }

  private static void assertStreamComplete(SseStream stream, List<Logged> log) {
    List<Long> received =
        stream.events().stream().map(SseStream.Event::id).filter(Objects::nonNull).toList();
    List<Long> written = log.stream().map(Logged::seq).toList();
    assertThat(received)
        .as("the stream on a surviving node carries every event of every node, in order, once")
        .isEqualTo(written);
  }

  private static void assertOneQuestionPerItem(StandalonePostgres postgres, UUID batch)
      throws Exception {
    try (Connection db = postgres.connect()) {
      QuestionRows.assertOnePerItem(db, batch, ITEMS);
    }
  }

  private static List<Logged> eventLog(StandalonePostgres postgres, UUID batch) throws Exception {
    List<Logged> log = new ArrayList<>();
    try (Connection db = postgres.connect();
        PreparedStatement q =
            db.prepareStatement(
                "SELECT seq, type, payload->>'itemId', payload->>'errorCode',"
                    + " payload->>'timestamp' FROM batch_events WHERE batch_id = ? ORDER BY seq")) {
      q.setObject(1, batch);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          log.add(
              new Logged(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5) == null ? Instant.EPOCH : Instant.parse(rs.getString(5))));
        }
      }
    }
    return log;
  }

  private static int leasesOf(StandalonePostgres postgres, int node) throws Exception {
    try (Connection db = postgres.connect();
        PreparedStatement q =
            db.prepareStatement(
                "SELECT count(*) FROM batch_items WHERE status = 'in_progress'"
                    + " AND lease_owner = ?")) {
      q.setString(1, "node-" + node);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static int completed(ApiClient api, String owner, String id) {
    return api.get(BATCHES + "/" + id + "?limit=1", owner).data().get("completedItems").asInt();
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
        "node-" + node,
        "SPOOL_LEASE_SECONDS",
        String.valueOf(LEASE_SECONDS),
        "SPOOL_RATE_LIMIT_RPS",
        String.valueOf(RATE_LIMIT),
        "SPOOL_SIMULATOR_LATENCY_MS",
        String.valueOf(LATENCY_MS),
        "SPOOL_SIMULATOR_JITTER_MS",
        "0");
  }
}
