package dev.spool.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.adapter.http.auth.JwtSettings;
import dev.spool.adapter.http.auth.TokenIssuer;
import dev.spool.bootstrap.SpoolServer;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * B7: fair share through the server as a user runs it (the jar's code on its embedded defaults,
 * with {@code SPOOL_RATE_LIMIT_RPS=20}, {@code SPOOL_SIMULATOR_LATENCY_MS=50} and a {@code
 * SPOOL_JWT_SECRET} so that three owners can sign in). Owner A's 5,000-item batch (concurrency 50)
 * saturates the limit; 3 s later owner B starts a 40-item batch; 2 s after B's finishes, owner C
 * starts one. With equal weights each of them has half the limit while it runs, so its ideal
 * makespan is 40 ÷ 10/s = 4 s; the figures are each makespan ÷ that ideal, and A's rate in the 3 s
 * after C finished ÷ the limit. Then the same on two nodes sharing one database, B's and C's
 * batches created on the second.
 */
final class FairShareBench {
  private static final int LIMIT = 20;
  private static final int SMALL = 40;

  private final HttpClient http = HttpClient.newHttpClient();
  private final TokenIssuer issuer;

  private FairShareBench(String secret) {
    this.issuer = new TokenIssuer(JwtSettings.secret(secret), Clock.systemUTC());
  }

  static Map<String, Object> run() throws Exception {
    Map<String, Object> figures = new LinkedHashMap<>();
    String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
    FairShareBench bench = new FairShareBench(secret);
    try (ScratchDirectory data = ScratchDirectory.create("spool-bench-b7");
        SpoolServer first = SpoolServer.start(environment(data, secret, Map.of()))) {
      String one = "http://127.0.0.1:" + first.port();
      figures.putAll(bench.scenario("B7.one_node", one, one));
      try (SpoolServer second =
          SpoolServer.start(
              environment(
                  data,
                  secret,
                  Map.of(
                      "SPOOL_DATABASE_URL", first.databaseUrl(),
                      "SPOOL_DATABASE_USER", "postgres",
                      "SPOOL_NODE_ID", "bench-b7-second")))) {
        figures.putAll(bench.scenario("B7.two_nodes", one, "http://127.0.0.1:" + second.port()));
      }
    }
    return figures;
  }

  private static Map<String, String> environment(
      ScratchDirectory data, String secret, Map<String, String> more) {
    Map<String, String> env = new HashMap<>(more);
    env.put("SPOOL_DATA_DIR", data.path().toString());
    env.put("SPOOL_PORT", "0");
    env.put("SPOOL_RATE_LIMIT_RPS", String.valueOf(LIMIT));
    env.put("SPOOL_SIMULATOR_LATENCY_MS", "50");
    env.put("SPOOL_SIMULATOR_JITTER_MS", "10");
    env.put("SPOOL_JWT_SECRET", secret);
    env.put("SPOOL_REQUEST_LOG", "false");
    return env;
  }

  private Map<String, Object> scenario(String name, String nodeA, String nodeBc) throws Exception {
    BenchClient a = owner(nodeA);
    BenchClient b = owner(nodeBc);
    BenchClient c = owner(nodeBc);
    String big = a.create(5_000, 50);
    Thread.sleep(3_000);

    JsonNode doneB = awaitFinished(b, b.create(SMALL, 50));
    Thread.sleep(2_000);
    JsonNode doneC = awaitFinished(c, c.create(SMALL, 50));

    int before = a.detail(big).get("completedItems").asInt();
    long start = System.nanoTime();
    Thread.sleep(3_000);
    int after = a.detail(big).get("completedItems").asInt();
    double aloneRate = (after - before) / ((System.nanoTime() - start) / 1e9);
    a.post(BenchClient.BATCHES + "/" + big + "/cancel", null);

    double ideal = SMALL / (LIMIT / 2.0);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put(name + ".b_makespan_s", Makespan.round(makespan(doneB), 2));
    figures.put(name + ".b_over_ideal", Makespan.round(makespan(doneB) / ideal, 3));
    figures.put(name + ".c_makespan_s", Makespan.round(makespan(doneC), 2));
    figures.put(name + ".c_over_ideal", Makespan.round(makespan(doneC) / ideal, 3));
    figures.put(name + ".a_alone_rate_over_limit", Makespan.round(aloneRate / LIMIT, 3));
    return figures;
  }

  private static double makespan(JsonNode detail) {
    return Duration.between(
                Instant.parse(detail.get("createdAt").asText()),
                Instant.parse(detail.get("completedAt").asText()))
            .toMillis()
        / 1000.0;
  }

  private BenchClient owner(String base) {
    return new BenchClient(
        http, base, issuer.issue(UUID.randomUUID(), Set.of("faculty"), Duration.ofHours(1)));
  }

  private static JsonNode awaitFinished(BenchClient client, String id) throws Exception {
    List<String> finished =
        new ArrayList<>(List.of("completed", "completed_with_errors", "failed"));
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode detail = client.detail(id);
      if (finished.contains(detail.get("status").asText())) {
        return detail;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("batch " + id + " did not finish in 2 minutes");
  }
}
