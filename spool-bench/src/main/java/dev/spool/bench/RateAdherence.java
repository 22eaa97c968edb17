package dev.spool.bench;

import dev.spool.adapter.llm.SimulatedQuestionGenerator;
import dev.spool.adapter.llm.SimulatorSettings;
import dev.spool.adapter.persistence.PostgresStore;
import dev.spool.application.Spool;
import dev.spool.application.dispatch.DispatcherSettings;
import dev.spool.application.port.out.QuestionGenerator;
import dev.spool.domain.batch.Batch;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * B3: the shared PostgreSQL rate limiter at 20 requests/s under a batch that could go much faster
 * (concurrency 50, 50 ms calls). Every call's start is recorded at the generator; the figures are
 * the busiest one-second window and the mean rate over the run ÷ the limit.
 */
final class RateAdherence {
  private RateAdherence() {}

  static Map<String, Object> run(PostgresStore store) throws InterruptedException {
    int limit = 20;
    int items = 600;
    ConcurrentLinkedQueue<Long> calls = new ConcurrentLinkedQueue<>();
    var simulator =
        new SimulatedQuestionGenerator(
            SimulatorSettings.instant(3).withLatency(Duration.ofMillis(50), Duration.ZERO));
    QuestionGenerator recorded =
        request -> {
          calls.add(System.nanoTime());
          return simulator.generate(request);
        };
    Map<String, Object> figures = new LinkedHashMap<>();
    try (Spool spool =
        LibraryBench.spool(
                store, recorded, store.sharedRateLimiter("bench-b3", limit, Optional.empty()))
            .dispatcher(DispatcherSettings.defaults("bench-b3"))
            .build()) {
      spool.start();
      Batch batch = LibraryBench.create(spool, "B3", LibraryBench.draft(items, 50));
      LibraryBench.awaitFinished(store, batch.id());
    }
    long[] starts = calls.stream().mapToLong(Long::longValue).sorted().toArray();
    int busiest = busiestWindow(starts, Duration.ofSeconds(1).toNanos());
    double seconds = (starts[starts.length - 1] - starts[0]) / 1e9;
    double mean = (starts.length - 1) / seconds;
    figures.put("B3.calls", starts.length);
    figures.put("B3.limit_per_s", limit);
    figures.put("B3.busiest_window", busiest);
    figures.put("B3.mean_rate_over_limit", Makespan.round(mean / limit, 3));
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
