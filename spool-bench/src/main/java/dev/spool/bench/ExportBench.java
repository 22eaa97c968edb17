package dev.spool.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * B9: a 100,000-item batch's results exported through the server as a user runs it (its embedded
 * defaults, with the settings a batch that size needs: {@code SPOOL_MAX_BATCH_ITEMS=100000}, {@code
 * SPOOL_MAX_CONCURRENCY=500}, the limiter raised and a zero-latency simulator). Once the batch has
 * finished, the JSON Lines and the CSV export are each read to the end by a client that counts the
 * bytes and keeps none; the figures are the time to the last byte, and the growth of the JVM's used
 * heap over its level after a GC before the export: what the export holds live (a GC halfway
 * through, the heap used after it), and the peak sampled every 5 ms, which counts garbage not yet
 * collected too. The server and the client share the JVM.
 */
final class ExportBench {
  private ExportBench() {}

  static Map<String, Object> run() throws Exception {
    int items = Integer.getInteger("spool.b9.items", 100_000);
    Map<String, Object> figures = new LinkedHashMap<>();
    try (ServerBench server = ServerBench.start(0, Map.of("SPOOL_MAX_CONCURRENCY", "500"))) {
      String id = server.create(items, 500);
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      JsonNode detail = server.detail(id);
      while (!detail.get("status").asText().startsWith("completed")
          && System.nanoTime() < deadline) {
        Thread.sleep(200);
        detail = server.detail(id);
      }
      int completed = detail.get("completedItems").asInt();
      figures.put("B9.items", completed);
      HttpClient http = HttpClient.newHttpClient();
      for (String format : new String[] {"jsonl", "csv"}) {
        export(http, server, id, format, completed, figures);
      }
    }
    return figures;
  }

  private static void export(
      HttpClient http,
      ServerBench server,
      String id,
      String format,
      long expected,
      Map<String, Object> figures)
      throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    Thread.sleep(200);
    long before = memory.getHeapMemoryUsage().getUsed();
    AtomicLong peak = new AtomicLong(before);
    AtomicBoolean done = new AtomicBoolean();
    Thread sampler =
        Thread.ofPlatform()
            .start(() -> {
              while (!done.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    long start = System.nanoTime();
    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        server.base
                            + "/api/v1/generation/batch/"
                            + id
                            + "/results?format="
                            + format))
                .header("Authorization", "Bearer " + server.token)
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    long bytes = 0;
    long lines = 0;
    long liveHalfway = -1;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = response.body()) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        bytes += n;
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
        if (liveHalfway < 0 && lines >= expected / 2) {
          System.gc();
          liveHalfway = memory.getHeapMemoryUsage().getUsed();
          peak.set(before);
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    done.set(true);
    sampler.join();
    figures.put("B9." + format + ".status", response.statusCode());
    figures.put("B9." + format + ".lines", lines);
    figures.put("B9." + format + ".mib", Makespan.round(bytes / 1048576.0, 1));
    figures.put("B9." + format + ".seconds", Makespan.round(seconds, 2));
    figures.put(
        "B9." + format + ".live_growth_mib", Makespan.round((liveHalfway - before) / 1048576.0, 1));
    figures.put(
        "B9." + format + ".peak_growth_mib", Makespan.round((peak.get() - before) / 1048576.0, 1));
  }
}
