package dev.spool.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * B5's cost to dispatch: the same batch (concurrency 8, 50 ms calls) run unwatched, then watched by
 * 500 SSE subscribers, then unwatched again. The drop is {@code 1 - watched / mean(unwatched)}: the
 * two unwatched runs bracket the watched one so that drift over the run (a warmer JIT, a fuller
 * database) counts neither for nor against the subscribers. This ratio used to be asserted in a
 * reliability test, where the machine's other work decided it; here it is measured and reported.
 */
final class WatchedThroughput {
  private static final int SUBSCRIBERS = 500;
  private static final int CONCURRENCY = 8;
  private static final int UNWATCHED_ITEMS = 1_500;
  private static final int WATCHED_ITEMS = 3_000;

  private WatchedThroughput() {}

  static Map<String, Object> run(ServerBench bench) throws Exception {
    double before = itemsPerSecond(bench, UNWATCHED_ITEMS, false);
    double watched = itemsPerSecond(bench, WATCHED_ITEMS, true);
    double after = itemsPerSecond(bench, UNWATCHED_ITEMS, false);
    double unwatched = (before + after) / 2;
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("B5.unwatched_items_per_s", Math.round(unwatched * 10) / 10.0);
    figures.put("B5.watched_items_per_s", Math.round(watched * 10) / 10.0);
    figures.put("B5.throughput_drop_pct", Math.round((1 - watched / unwatched) * 1000) / 10.0);
    return figures;
  }

  private static double itemsPerSecond(ServerBench bench, int items, boolean watched)
      throws Exception {
    String id = bench.create(items, CONCURRENCY);
    List<RawSseStream> streams = new ArrayList<>();
    List<Thread> readers = new ArrayList<>();
    try {
      long started = System.nanoTime();
      for (int s = 0; watched && s < SUBSCRIBERS; s++) {
        RawSseStream stream =
            RawSseStream.open(bench.uri(ServerBench.BATCHES + "/" + id + "/progress"), bench.token);
        streams.add(stream);
        readers.add(Thread.ofVirtual().start(() -> drain(stream.body())));
      }
      while (!"completed".equals(bench.detail(id).get("status").asText())) {
        Thread.sleep(100);
      }
      return items / ((System.nanoTime() - started) / 1e9);
    } finally {
      for (RawSseStream stream : streams) {
        stream.close();
      }
      for (Thread reader : readers) {
        reader.join();
      }
    }
  }

  private static void drain(InputStream body) {
    byte[] buffer = new byte[16 * 1024];
    try {
      while (body.read(buffer) > 0) {
        // only the server's cost of sending is measured
      }
    } catch (IOException e) {
      // closed at the end of the run
    }
  }
}
