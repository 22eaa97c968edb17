package dev.spool.bench;

import dev.spool.adapter.llm.SimulatedQuestionGenerator;
import dev.spool.adapter.llm.SimulatorSettings;
import dev.spool.adapter.persistence.PostgresSettings;
import dev.spool.adapter.persistence.PostgresStore;
import dev.spool.application.Spool;
import dev.spool.application.dispatch.DispatcherSettings;
import dev.spool.application.port.out.RateLimiter;
import dev.spool.bootstrap.DatabaseSettings;
import dev.spool.bootstrap.SpoolDatabase;
import dev.spool.domain.batch.Batch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spool's benchmarks, on the embedded PostgreSQL with fsync on. Prints a table and writes the same
 * figures as JSON to {@code <target>/benchmarks.json}.
 */
public final class Benchmarks {
  private static final Logger LOG = LoggerFactory.getLogger(Benchmarks.class);

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    Path target = Path.of(args.length > 0 ? args[0] : "target");
    Set<String> wanted =
        Set.of(
            System.getProperty("spool.bench", "B1,B2,B3,B4,B5,B6,B7,B8").toUpperCase().split(","));
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("date", '"' + java.time.LocalDate.now().toString() + '"');
    results.put("cpus", Runtime.getRuntime().availableProcessors());
    results.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
    try (ScratchDirectory data = ScratchDirectory.create("spool-bench");
        SpoolDatabase db =
            SpoolDatabase.open(
                DatabaseSettings.embedded(data.path()), PostgresSettings.defaults())) {
      if (wanted.contains("B1")) {
        results.putAll(creation(db.store(), 10_000));
        results.putAll(
            throughput(
                db.store(),
                Integer.getInteger("spool.b1.items", 20_000),
                Integer.getInteger("spool.concurrency", 500)));
      }
      if (wanted.contains("B2")) {
        results.putAll(Makespan.run(db.store()));
      }
      if (wanted.contains("B3")) {
        results.putAll(RateAdherence.run(db.store()));
      }
      if (wanted.contains("B6")) {
        results.putAll(Scale.run(db.store()));
      }
      if (wanted.contains("B6M")) {
        results.putAll(ScaleMillion.run(db.store(), db.pool()));
      }
    }
    if (wanted.contains("B1") || wanted.contains("B1S")) {
      results.putAll(ServerThroughput.run());
    }
    if (wanted.contains("B7")) {
      results.putAll(FairShareBench.run());
    }
    if (wanted.contains("B8")) {
      results.putAll(BudgetBench.run());
    }
    if (wanted.contains("B9")) {
      results.putAll(ExportBench.run());
    }
    if (wanted.contains("B6L")) {
      try (ServerBench server = ServerBench.start(50)) {
        results.putAll(ListLoad.run(server));
      }
    }
    if (wanted.contains("B4") || wanted.contains("B5")) {
      try (ServerBench server = ServerBench.start(50)) {
        if (wanted.contains("B4")) {
          results.putAll(PauseLatency.run(server));
        }
        if (wanted.contains("B5")) {
          results.putAll(SseFanout.run(server));
          results.putAll(WatchedThroughput.run(server));
        }
      }
    }
    report(target, results);
  }

  private static Spool.Builder instant(PostgresStore store) {
    return LibraryBench.spool(
        store,
        new SimulatedQuestionGenerator(SimulatorSettings.instant(42)),
        RateLimiter.unlimited());
  }

  /** How long storing a 10,000-item batch takes: batch, items and events in one transaction. */
  static Map<String, Object> creation(PostgresStore store, int items) {
    Spool spool = instant(store).build();
    var draft = LibraryBench.draft(items, 5);
    long best = Long.MAX_VALUE;
    for (int round = 0; round < 3; round++) {
      long start = System.nanoTime();
      Batch batch = LibraryBench.create(spool, "creation", draft);
      best = Math.min(best, System.nanoTime() - start);
      spool.useCases().cancelBatch().cancel(LibraryBench.FACULTY, batch.id());
    }
    return Map.of("create_" + items + "_ms", Math.round(best / 1e6));
  }

  /**
   * B1: items per second for one batch with a generator that answers at once, measured twice in one
   * JVM: on the first batch after start (cold: the JIT compiler is still at work and takes up to a
   * core of this two-core machine from the dispatcher and PostgreSQL), then on a second batch of
   * the same size (warm, as a server is after its first batch). {@code spool.b1.warmup} sets the
   * first batch's size; 0 measures the cold batch only.
   */
  static Map<String, Object> throughput(PostgresStore store, int items, int concurrency)
      throws InterruptedException {
    Map<String, Object> figures = new LinkedHashMap<>();
    WriteStats writes = new WriteStats();
    try (Spool spool = instant(store).dispatcher(throughputSettings()).observer(writes).build()) {
      spool.start();
      figures.put("B1.items", items);
      figures.put("B1.concurrency", concurrency);
      int first = Integer.getInteger("spool.b1.warmup", items);
      BatchRun measured = BatchRun.of(spool, writes, store, first > 0 ? first : items, concurrency);
      figures.put("B1.cold_items_per_s", measured.itemsPerSecond());
      if (first > 0) {
        writes.reset();
        measured = BatchRun.of(spool, writes, store, items, concurrency);
        figures.put("B1.warm_items_per_s", measured.itemsPerSecond());
      }
      figures.put("B1.create_ms", Math.round(measured.createNanos() / 1e6));
      figures.put("B1.run_s", Math.round(measured.runSeconds() * 100) / 100.0);
      writes.report("B1", figures);
    }
    return figures;
  }

  /** One B1 batch: how long its creation took, and its run from the create call's return. */
  private record BatchRun(int items, long createNanos, double runSeconds) {
    static BatchRun of(
        Spool spool, WriteStats writes, PostgresStore store, int items, int concurrency)
        throws InterruptedException {
      long start = System.nanoTime();
      Batch batch = LibraryBench.create(spool, "B1", LibraryBench.draft(items, concurrency));
      long created = System.nanoTime();
      long done = writes.awaitFinished(store, batch.id());
      return new BatchRun(items, created - start, (done - created) / 1e9);
    }

    long itemsPerSecond() {
      return Math.round(items / runSeconds);
    }
  }

  /**
   * A zero-latency generator makes the dispatcher the whole cost, so it runs with big claims and
   * writes: each cycle then amortises one lock and one commit over many items.
   */
  private static DispatcherSettings throughputSettings() {
    DispatcherSettings defaults = DispatcherSettings.defaults("bench");
    return new DispatcherSettings(
        "bench",
        Integer.getInteger("spool.maxInFlight", 1024),
        Integer.getInteger("spool.claim", 256),
        defaults.idlePoll(),
        defaults.leaseDuration(),
        defaults.renewEvery(),
        defaults.recoverEvery(),
        defaults.shutdownGrace(),
        Integer.getInteger("spool.flush", 1024),
        0,
        defaults.backoff());
  }

  private static void report(Path target, Map<String, Object> results) throws IOException {
    StringBuilder table = new StringBuilder("\n| figure | value |\n|---|---|\n");
    StringBuilder json = new StringBuilder("{\n");
    int i = 0;
    for (var entry : results.entrySet()) {
      table
          .append("| ")
          .append(entry.getKey())
          .append(" | ")
          .append(entry.getValue())
          .append(" |\n");
      json.append("  \"")
          .append(entry.getKey())
          .append("\": ")
          .append(entry.getValue())
          .append(++i < results.size() ? ",\n" : "\n");
    }
    json.append("}\n");
    LOG.info("benchmark results:{}", table);
    Files.createDirectories(target);
    Files.writeString(target.resolve("benchmarks.json"), json.toString());
  }
}
