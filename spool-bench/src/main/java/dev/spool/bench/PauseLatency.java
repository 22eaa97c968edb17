package dev.spool.bench;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * B4: 100 pause/resume cycles over HTTP on a batch under load (concurrency 20, 50 ms calls). The
 * pause response time (p50, p99), and how many {@code item.started} events the log holds after the
 * pause response and before the resume: the pause must stop new starts at once.
 */
final class PauseLatency {
  private static final int CYCLES = 100;

  private PauseLatency() {}

  static Map<String, Object> run(ServerBench bench) throws Exception {
    String id = bench.create(50_000, 20);
    Thread.sleep(1_000);
    long[] pauses = new long[CYCLES];
    int startsAfterPause = 0;
    try (Connection db = bench.database()) {
      for (int i = 0; i < CYCLES; i++) {
        long start = System.nanoTime();
        bench.post(ServerBench.BATCHES + "/" + id + "/pause", null);
        pauses[i] = System.nanoTime() - start;
        long paused = bench.latestSequence(db, id);
        Thread.sleep(100);
        startsAfterPause += bench.startsAfter(db, id, paused);
        bench.post(ServerBench.BATCHES + "/" + id + "/resume", null);
        Thread.sleep(100);
      }
    }
    bench.post(ServerBench.BATCHES + "/" + id + "/cancel", null);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("B4.cycles", CYCLES);
    figures.put("B4.pause_p50_ms", Stats.millis(Stats.percentile(pauses, 50)));
    figures.put("B4.pause_p99_ms", Stats.millis(Stats.percentile(pauses, 99)));
    figures.put("B4.starts_after_pause", startsAfterPause);
    return figures;
  }
}
