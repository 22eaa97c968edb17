package dev.spool.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.adapter.persistence.PostgresSettings;
import dev.spool.bootstrap.SpoolServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** The server in this JVM on its embedded defaults, driven over HTTP as a client would. */
final class ServerBench implements AutoCloseable {
  static final String BATCHES = "/api/v1/generation/batch";
  private static final ObjectMapper JSON = new ObjectMapper();

  final SpoolServer server;
  private final ScratchDirectory data;
  final HttpClient http = HttpClient.newHttpClient();
  final String token;
  final String base;

  private ServerBench(SpoolServer server, ScratchDirectory data) {
    this.server = server;
    this.data = data;
    this.token = server.devToken().orElseThrow();
    this.base = "http://127.0.0.1:" + server.port();
  }

  /**
   * A server answering in {@code latencyMs} per question, with no rate limit to speak of. {@code
   * -Dspool.sse.coalesce-ms} sets its fan-out interval.
   */
  static ServerBench start(int latencyMs) throws IOException {
    return start(latencyMs, Map.of());
  }

  /** {@link #start(int)} with more settings, which win over those. */
  static ServerBench start(int latencyMs, Map<String, String> more) throws IOException {
    ScratchDirectory data = ScratchDirectory.create("spool-bench-server");
    try {
      Map<String, String> env =
          new java.util.HashMap<>(
              Map.of(
                  "SPOOL_DATA_DIR",
                  data.path().toString(),
                  "SPOOL_PORT",
                  "0",
                  "SPOOL_MAX_BATCH_ITEMS",
                  "100000",
                  "SPOOL_RATE_LIMIT_RPS",
                  "100000",
                  "SPOOL_SIMULATOR_LATENCY_MS",
                  String.valueOf(latencyMs),
                  "SPOOL_SIMULATOR_JITTER_MS",
                  String.valueOf(latencyMs / 5),
                  "SPOOL_SSE_COALESCE_MS",
                  System.getProperty(
                      "spool.sse.coalesce-ms",
                      String.valueOf(PostgresSettings.DEFAULT_FANOUT_INTERVAL.toMillis()))));
      env.putAll(more);
      return new ServerBench(SpoolServer.start(env), data);
    } catch (RuntimeException e) {
      data.close(); // a server that did not start leaves nothing behind either
      throw e;
    }
  }

  URI uri(String path) {
    return URI.create(base + path);
  }

  String create(int items, int concurrency) throws IOException, InterruptedException {
    String body =
        """
        {"courseId":"%s","name":"bench","targetCount":%d,
         "scope":{"sloIds":["%s"],"conceptIds":[]},
         "questionType":"single_best_answer",
         "difficultyDistribution":{"easy":30,"medium":50,"hard":20},
         "concurrency":%d,"maxRetries":2}
        """
            .formatted(UUID.randomUUID(), items, UUID.randomUUID(), concurrency);
    return post(BATCHES, body).get("data").get("batchId").asText();
  }

  /** POSTs and returns the parsed envelope; fails on anything but 2xx. */
  JsonNode post(String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token);
    request =
        body == null
            ? request.POST(HttpRequest.BodyPublishers.noBody())
            : request
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  JsonNode detail(String id) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri(BATCHES + "/" + id + "?limit=1"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body()).get("data");
  }

  Connection database() throws SQLException {
    return DriverManager.getConnection(server.databaseUrl(), "postgres", "");
  }

  /** The last event sequence of the batch. */
  long latestSequence(Connection db, String batch) throws SQLException {
    try (PreparedStatement q =
        db.prepareStatement("SELECT coalesce(max(seq), 0) FROM batch_events WHERE batch_id = ?")) {
      q.setObject(1, UUID.fromString(batch));
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** {@code item.started} events of the batch after {@code sequence}. */
  int startsAfter(Connection db, String batch, long sequence) throws SQLException {
    try (PreparedStatement q =
        db.prepareStatement(
            "SELECT count(*) FROM batch_events WHERE batch_id = ? AND seq > ?"
                + " AND type = 'item.started'")) {
      q.setObject(1, UUID.fromString(batch));
      q.setLong(2, sequence);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  @Override
  public void close() {
    http.close();
    server.close();
    data.close();
  }
}
