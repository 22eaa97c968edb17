package dev.spool.bench;

import dev.spool.adapter.llm.SimulatedQuestionGenerator;
import dev.spool.adapter.llm.SimulatorSettings;
import dev.spool.adapter.persistence.PostgresStore;
import dev.spool.application.Spool;
import dev.spool.application.dispatch.DispatcherSettings;
import dev.spool.application.port.out.QuestionGenerator;
import dev.spool.application.port.out.RateLimiter;
import dev.spool.domain.batch.Batch;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * B2: 1,000 items at a fixed 200 ms with concurrency 20 take 10 s if the dispatcher wastes nothing;
 * the figure is actual ÷ ideal, measured from the create call to the batch's end.
 */
final class Makespan {
  private Makespan() {}

  static Map<String, Object> run(PostgresStore store) throws InterruptedException {
    int items = 1_000;
    int concurrency = 20;
    Duration latency = Duration.ofMillis(200);
    var simulator =
        new SimulatedQuestionGenerator(
            SimulatorSettings.instant(2).withLatency(latency, Duration.ZERO));
    LongAdder callNanos = new LongAdder();
    AtomicLong firstCall = new AtomicLong(Long.MAX_VALUE);
    AtomicLong lastReturn = new AtomicLong();
    QuestionGenerator timed =
        request -> {
          long start = System.nanoTime();
          firstCall.accumulateAndGet(start, Math::min);
          try {
            return simulator.generate(request);
          } finally {
            long end = System.nanoTime();
            callNanos.add(end - start);
            lastReturn.accumulateAndGet(end, Math::max);
          }
        };
    Map<String, Object> figures = new LinkedHashMap<>();
    WriteStats writes = new WriteStats();
    try (Spool spool =
        LibraryBench.spool(store, timed, RateLimiter.unlimited())
            .dispatcher(DispatcherSettings.defaults("bench-b2"))
            .observer(writes)
            .build()) {
      spool.start();
      // a warm-up batch, so that the figure is the dispatcher's and not the JIT's
      writes.awaitFinished(
          store, LibraryBench.create(spool, "B2 warm-up", LibraryBench.draft(200, 20)).id());
      callNanos.reset();
      firstCall.set(Long.MAX_VALUE);
      writes.reset();
      long start = System.nanoTime();
      Batch batch = LibraryBench.create(spool, "B2", LibraryBench.draft(items, concurrency));
      long end = writes.awaitFinished(store, batch.id());
      double actual = (end - start) / 1e9;
      double ideal = items / (double) concurrency * latency.toMillis() / 1000.0;
      figures.put("B2.actual_s", round(actual, 2));
      figures.put("B2.ideal_s", ideal);
      figures.put("B2.ratio", round(actual / ideal, 3));
      figures.put("B2.first_call_after_ms", round((firstCall.get() - start) / 1e6, 1));
      figures.put("B2.finished_after_last_call_ms", round((end - lastReturn.get()) / 1e6, 1));
      figures.put("B2.call_mean_ms", round(callNanos.sum() / 1e6 / items, 2));
      writes.report("B2", figures);
    }
    return figures;
  }

  static double round(double value, int places) {
    double scale = Math.pow(10, places);
    return Math.round(value * scale) / scale;
  }
}
