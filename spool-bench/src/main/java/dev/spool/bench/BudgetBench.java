package dev.spool.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.adapter.http.auth.JwtSettings;
import dev.spool.adapter.http.auth.TokenIssuer;
import dev.spool.bootstrap.SpoolServer;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * B8: a budget through the server as a user runs it (the jar's code on its embedded defaults, with
 * {@code SPOOL_PRICES_FILE} pricing the simulator at $30 / $60 per million input / output tokens,
 * {@code SPOOL_SIMULATOR_LATENCY_MS=200} so that calls are in flight when the budget runs out, and
 * a {@code SPOOL_JWT_SECRET}). A 500-item batch at concurrency 10 with {@code budgetUsd: 0.50} runs
 * until it pauses with reason {@code budget_exhausted} and its last calls have settled. The
 * figures: what it spent, the overshoot over the budget (negative when it stopped short), the mean
 * cost of a call, and the bound the design promises: the calls in flight (concurrency) times that.
 */
final class BudgetBench {
  private static final BigDecimal BUDGET = new BigDecimal("0.50");
  private static final int CONCURRENCY = 10;

  private BudgetBench() {}

  static Map<String, Object> run() throws Exception {
    String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
    Map<String, Object> figures = new LinkedHashMap<>();
    try (ScratchDirectory data = ScratchDirectory.create("spool-bench-b8")) {
      Path prices = data.path().resolve("prices.json");
      Files.writeString(
          prices,
          """
          {"prices":[{"provider":"simulated","model":"spool-sim-1","inputPerMillionUsd":30,
            "cachedInputPerMillionUsd":15,"outputPerMillionUsd":60}]}
          """);
      Map<String, String> env = new HashMap<>();
      env.put("SPOOL_DATA_DIR", data.path().toString());
      env.put("SPOOL_PORT", "0");
      env.put("SPOOL_SIMULATOR_LATENCY_MS", "200");
      env.put("SPOOL_JWT_SECRET", secret);
      env.put("SPOOL_PRICES_FILE", prices.toString());
      env.put("SPOOL_REQUEST_LOG", "false");
      try (SpoolServer server = SpoolServer.start(env)) {
        BenchClient owner =
            new BenchClient(
                HttpClient.newHttpClient(),
                "http://127.0.0.1:" + server.port(),
                new TokenIssuer(JwtSettings.secret(secret), Clock.systemUTC())
                    .issue(UUID.randomUUID(), Set.of("faculty"), Duration.ofHours(1)));
        String body =
            """
            {"courseId":"%s","name":"budget","targetCount":500,
             "scope":{"sloIds":["%s"],"conceptIds":[]},"questionType":"single_best_answer",
             "difficultyDistribution":{"easy":30,"medium":50,"hard":20},
             "concurrency":%d,"maxRetries":2,"budgetUsd":%s}
            """
                .formatted(UUID.randomUUID(), UUID.randomUUID(), CONCURRENCY, BUDGET);
        String id = owner.post(BenchClient.BATCHES, body).get("data").get("batchId").asText();
        long start = System.nanoTime();
        JsonNode detail = owner.detail(id);
        while (!("paused".equals(detail.get("status").asText())
                && detail.get("inProgressItems").asInt() == 0)
            && System.nanoTime() - start < Duration.ofMinutes(3).toNanos()) {
          Thread.sleep(50);
          detail = owner.detail(id);
        }
        BigDecimal spent = detail.get("spentUsd").decimalValue();
        int completed = detail.get("completedItems").asInt();
        BigDecimal perCall =
            completed == 0
                ? BigDecimal.ZERO
                : spent.divide(BigDecimal.valueOf(completed), 6, java.math.RoundingMode.HALF_UP);
        figures.put("B8.pause_reason", detail.get("pauseReason").asText());
        figures.put("B8.budget_usd", BUDGET);
        figures.put("B8.spent_usd", spent);
        figures.put("B8.overshoot_usd", spent.subtract(BUDGET));
        figures.put("B8.completed_items", completed);
        figures.put("B8.mean_call_usd", perCall);
        figures.put("B8.bound_usd", perCall.multiply(BigDecimal.valueOf(CONCURRENCY)));
        figures.put("B8.seconds_to_pause", Makespan.round((System.nanoTime() - start) / 1e9, 2));
      }
    }
    return figures;
  }
}
