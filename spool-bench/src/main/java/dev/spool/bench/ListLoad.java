package dev.spool.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * B6L, through the server: one user with 100 item-list batches of about 1 MB of prompts each, and
 * 25 clients listing them ({@code GET /batch?limit=100}) at once, 20 times each. A list must read
 * what it shows, so its memory follows the page, not the megabytes stored: heap growth (in use,
 * garbage included, over the heap after a collection before the load; and after a collection once
 * it is over), bytes allocated per list (all threads, the clients' included), p50 / p99 and the
 * count of 5xx.
 */
final class ListLoad {
  private static final int BATCHES = 100;
  private static final int ITEMS_PER_BATCH = 50;

  /**
   * {@code -Dspool.b6l.prompt-chars} stores less or more per batch, to show lists do not follow.
   */
  private static final int PROMPT_CHARS = Integer.getInteger("spool.b6l.prompt-chars", 19_000);

  private static final int CLIENTS = 25;
  private static final int LISTS_PER_CLIENT = 20;

  private ListLoad() {}

  static Map<String, Object> run(ServerBench bench) throws Exception {
    String prompt = "p".repeat(PROMPT_CHARS);
    long storedBytes = 0;
    for (int b = 0; b < BATCHES; b++) {
      StringBuilder body = new StringBuilder(ITEMS_PER_BATCH * (PROMPT_CHARS + 40));
      body.append("{\"courseId\":\"").append(UUID.randomUUID()).append("\",\"concurrency\":1,");
      body.append("\"items\":[");
      for (int i = 0; i < ITEMS_PER_BATCH; i++) {
        body.append(i == 0 ? "" : ",")
            .append("{\"name\":\"item ")
            .append(i)
            .append("\",\"prompt\":\"")
            .append(prompt)
            .append("\"}");
      }
      body.append("]}");
      storedBytes += body.length();
      String id =
          bench.post(ServerBench.BATCHES, body.toString()).get("data").get("batchId").asText();
      bench.post(ServerBench.BATCHES + "/" + id + "/pause", null);
    }

    long heapBefore = Stats.heapAfterGcMiB();
    var threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long allocatedBefore = threads.getTotalThreadAllocatedBytes();
    AtomicLong peak = new AtomicLong();
    AtomicInteger errors = new AtomicInteger();
    ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
    Thread sampler =
        Thread.ofPlatform()
            .daemon()
            .start(() -> {
              while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(Stats.heapUsedMiB(), Math::max);
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      clients.add(
          Thread.ofVirtual()
              .start(() -> {
                for (int i = 0; i < LISTS_PER_CLIENT; i++) {
                  long t = System.nanoTime();
                  int status = list(bench);
                  nanos.add(System.nanoTime() - t);
                  if (status >= 500 || status < 0) {
                    errors.incrementAndGet();
                  }
                }
              }));
    }
    for (Thread client : clients) {
      client.join();
    }
    sampler.interrupt();
    sampler.join();
    long allocated = threads.getTotalThreadAllocatedBytes() - allocatedBefore;
    long heapAfter = Stats.heapAfterGcMiB();
    long[] all = nanos.stream().mapToLong(Long::longValue).toArray();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("B6L.stored_mib", storedBytes >> 20);
    figures.put("B6L.lists", all.length);
    figures.put("B6L.p50_ms", Stats.millis(Stats.percentile(all, 50)));
    figures.put("B6L.p99_ms", Stats.millis(Stats.percentile(all, 99)));
    figures.put("B6L.5xx", errors.get());
    figures.put("B6L.heap_before_mib", heapBefore);
    figures.put("B6L.heap_growth_peak_mib", peak.get() - heapBefore);
    figures.put("B6L.heap_after_gc_growth_mib", heapAfter - heapBefore);
    figures.put("B6L.allocated_per_list_kib", allocated / all.length >> 10);
    return figures;
  }

  private static int list(ServerBench bench) {
    try {
      HttpResponse<byte[]> response =
          bench.http.send(
              HttpRequest.newBuilder(bench.uri(ServerBench.BATCHES + "?limit=100"))
                  .header("Authorization", "Bearer " + bench.token)
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return response.statusCode();
    } catch (Exception e) {
      return -1;
    }
  }
}
