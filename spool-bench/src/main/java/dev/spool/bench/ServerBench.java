package dev.spool.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.adapter.persistence.PostgresSettings;
import dev.spool.bootstrap.SpoolServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/** The server in this JVM on its embedded defaults, driven over HTTP as a client would. */
final class ServerBench implements AutoCloseable {
  static final String BATCHES = BenchClient.BATCHES;

  final SpoolServer server;
  private final ScratchDirectory data;
  final HttpClient http = HttpClient.newHttpClient();
  final String token;
  final String base;
  private final BenchClient client;

  private ServerBench(SpoolServer server, ScratchDirectory data) {
    this.server = server;
    this.data = data;
    this.token = server.devToken().orElseThrow();
    this.base = "http://127.0.0.1:" + server.port();
    this.client = new BenchClient(http, base, token);
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
    return client.uri(path);
  }

  String create(int items, int concurrency) throws IOException, InterruptedException {
    return client.create(items, concurrency);
  }

  /** POSTs and returns the parsed envelope; fails on anything but 2xx. */
  JsonNode post(String path, String body) throws IOException, InterruptedException {
    return client.post(path, body);
  }

  JsonNode detail(String id) throws IOException, InterruptedException {
    return client.detail(id);
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
