package dev.spool.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * B1 through the server, as a user runs it: the server on its embedded defaults, with the shared
 * rate limiter on and raised ({@code SPOOL_RATE_LIMIT_RPS=100000}), a simulator that answers at
 * once ({@code SPOOL_SIMULATOR_LATENCY_MS=0}), and the settings a 20,000-item batch at concurrency
 * 500 needs ({@code SPOOL_MAX_BATCH_ITEMS=100000}, {@code SPOOL_MAX_CONCURRENCY=500}); nothing
 * else. Items per second from the create request to the finishing commit (the batch's {@code
 * completedAt}), on the first batch after start (cold) and on a second (warm).
 */
final class ServerThroughput {
  private ServerThroughput() {}

  static Map<String, Object> run() throws Exception {
    int items = Integer.getInteger("spool.b1.items", 20_000);
    int concurrency = Integer.getInteger("spool.concurrency", 500);
    Map<String, Object> figures = new LinkedHashMap<>();
    try (ServerBench server =
        ServerBench.start(0, Map.of("SPOOL_MAX_CONCURRENCY", String.valueOf(concurrency)))) {
      figures.put("B1.server.items", items);
      figures.put("B1.server.concurrency", concurrency);
      once(server, items, concurrency).put(figures, "B1.server.cold");
      once(server, items, concurrency).put(figures, "B1.server.warm");
      for (int round = 3; round <= Integer.getInteger("spool.b1.rounds", 2); round++) {
        once(server, items, concurrency).put(figures, "B1.server.round" + round);
      }
    }
    return figures;
  }

  /** One batch: the whole run, and how long of it the create request took. */
  private record Run(int items, Duration total, Duration creating) {
    void put(Map<String, Object> figures, String prefix) {
      figures.put(prefix + "_items_per_s", Math.round(items / (total.toNanos() / 1e9)));
      figures.put(prefix + "_create_ms", creating.toMillis());
    }
  }

  private static Run once(ServerBench server, int items, int concurrency) throws Exception {
    Instant requested = Instant.now();
    String id = server.create(items, concurrency);
    Duration creating = Duration.between(requested, Instant.now());
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode detail = server.detail(id);
      if (detail.get("status").asText().startsWith("completed")) {
        Instant done = Instant.parse(detail.get("completedAt").asText());
        return new Run(items, Duration.between(requested, done), creating);
      }
      // The figure ends at the server's completedAt, so how often this looks only changes what the
      // looking costs the server: a detail read every 20 ms took about 4 % of its CPU.
      Thread.sleep(100);
    }
    throw new IllegalStateException("the B1 batch did not finish in 5 minutes");
  }
}
