package dev.spool.bench;

import dev.spool.adapter.llm.SimulatedQuestionGenerator;
import dev.spool.adapter.llm.SimulatorSettings;
import dev.spool.adapter.persistence.PostgresStore;
import dev.spool.application.Spool;
import dev.spool.application.dispatch.DispatcherSettings;
import dev.spool.application.port.out.QuestionGenerator;
import dev.spool.domain.batch.Batch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * B3: the shared PostgreSQL rate limiter under batches that could go much faster. Every call's
 * start is recorded at the generator; the figures are the busiest one-second window and the mean
 * rate over the run ÷ the limit. Three runs: 20 requests/s on one node (concurrency 50, 50 ms
 * calls); the same on two nodes sharing the limiter, each with a batch of its own; and 2,000
 * requests/s on two nodes (concurrency 500 each, 50 ms calls), where each node takes its permits in
 * leases.
 */
final class RateAdherence {
  private RateAdherence() {}

  static Map<String, Object> run(PostgresStore store) throws InterruptedException {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.putAll(scenario(store, "B3", 20, 600, 50, 1));
    figures.putAll(scenario(store, "B3.two_nodes", 20, 300, 50, 2));
    figures.putAll(scenario(store, "B3.2000_two_nodes", 2_000, 10_000, 500, 2));
    return figures;
  }

  private static Map<String, Object> scenario(
      PostgresStore store, String name, int limit, int itemsPerNode, int concurrency, int nodes)
      throws InterruptedException {
    ConcurrentLinkedQueue<Long> calls = new ConcurrentLinkedQueue<>();
    var simulator =
        new SimulatedQuestionGenerator(
            SimulatorSettings.instant(3).withLatency(Duration.ofMillis(50), Duration.ZERO));
    QuestionGenerator recorded =
        request -> {
          calls.add(System.nanoTime());
          return simulator.generate(request);
        };
    String limiter = "bench-" + name + "-" + System.nanoTime();
    List<Spool> spools = new ArrayList<>();
    try {
      for (int n = 0; n < nodes; n++) {
        Spool spool =
            LibraryBench.spool(
                    store, recorded, store.sharedRateLimiter(limiter, limit, Optional.empty()))
                .dispatcher(DispatcherSettings.defaults(limiter + "-node-" + n))
                .build();
        spools.add(spool);
        spool.start();
      }
      List<Batch> batches = new ArrayList<>();
      for (Spool spool : spools) {
        batches.add(
            LibraryBench.create(spool, name, LibraryBench.draft(itemsPerNode, concurrency)));
      }
      for (Batch batch : batches) {
        LibraryBench.awaitFinished(store, batch.id());
      }
    } finally {
      spools.forEach(Spool::close);
    }
    long[] starts = calls.stream().mapToLong(Long::longValue).sorted().toArray();
    int busiest = busiestWindow(starts, Duration.ofSeconds(1).toNanos());
    double seconds = (starts[starts.length - 1] - starts[0]) / 1e9;
    double mean = (starts.length - 1) / seconds;
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put(name + ".calls", starts.length);
    figures.put(name + ".limit_per_s", limit);
    figures.put(name + ".busiest_window", busiest);
    figures.put(name + ".mean_rate_over_limit", Makespan.round(mean / limit, 3));
    return figures;
  }

  /** The most starts in any half-open window [t, t + width). */
  static int busiestWindow(long[] sortedStarts, long width) {
    int most = 0;
    int from = 0;
    for (int to = 0; to < sortedStarts.length; to++) {
      while (sortedStarts[to] - sortedStarts[from] >= width) {
        from++;
      }
      most = Math.max(most, to - from + 1);
    }
    return most;
  }
}
