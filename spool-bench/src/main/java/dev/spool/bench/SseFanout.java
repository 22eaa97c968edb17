package dev.spool.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * B5: 500 SSE subscribers on one running batch (concurrency 20, 50 ms calls, so item events flow
 * all along). Twenty times, the batch is paused or resumed; each subscriber notes when the matching
 * {@code batch.paused} or {@code batch.resumed} arrives. The delay is counted from the moment the
 * request was sent, which is before the commit: the figures are an upper bound of commit-to-client.
 */
final class SseFanout {
  private static final int SUBSCRIBERS = 500;
  private static final int CHANGES = 20;

  private SseFanout() {}

  static Map<String, Object> run(ServerBench bench) throws Exception {
    String id = bench.create(50_000, 20);
    List<HttpClient> clients = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      clients.add(HttpClient.newHttpClient());
    }
    List<Subscriber> subscribers = new ArrayList<>();
    for (int s = 0; s < SUBSCRIBERS; s++) {
      subscribers.add(new Subscriber(clients.get(s % clients.size()), bench, id));
    }
    for (Subscriber s : subscribers) {
      if (!s.connected.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("a subscriber did not connect");
      }
    }
    Thread.sleep(2_000);
    long[] sent = new long[CHANGES];
    for (int i = 0; i < CHANGES; i++) {
      sent[i] = System.nanoTime();
      bench.post(ServerBench.BATCHES + "/" + id + (i % 2 == 0 ? "/pause" : "/resume"), null);
      Thread.sleep(500);
    }
    Thread.sleep(1_000);
    bench.post(ServerBench.BATCHES + "/" + id + "/cancel", null);
    long[] delays = new long[SUBSCRIBERS * CHANGES];
    int n = 0;
    int missing = 0;
    for (Subscriber s : subscribers) {
      s.close();
      for (int i = 0; i < CHANGES; i++) {
        if (i < s.count) {
          delays[n++] = s.received[i] - sent[i];
        } else {
          missing++;
        }
      }
    }
    clients.forEach(HttpClient::close);
    long[] measured = Arrays.copyOf(delays, n);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("B5.subscribers", SUBSCRIBERS);
    figures.put("B5.samples", n);
    figures.put("B5.missing", missing);
    figures.put("B5.delay_p50_ms", Stats.millis(Stats.percentile(measured, 50)));
    figures.put("B5.delay_p99_ms", Stats.millis(Stats.percentile(measured, 99)));
    figures.put("B5.delay_max_ms", Stats.millis(Stats.percentile(measured, 100)));
    return figures;
  }

  /** Reads one stream as bytes, noting when each pause or resume event arrives. */
  private static final class Subscriber {
    private static final byte[] PAUSED = "event: batch.paused".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESUMED =
        "event: batch.resumed".getBytes(StandardCharsets.US_ASCII);

    final CountDownLatch connected = new CountDownLatch(1);
    final long[] received = new long[CHANGES];
    volatile int count;
    private volatile InputStream body;

    Subscriber(HttpClient http, ServerBench bench, String id) {
      Thread.ofVirtual().start(() -> read(http, bench, id));
    }

    private void read(HttpClient http, ServerBench bench, String id) {
      try {
        HttpResponse<InputStream> response =
            http.send(
                HttpRequest.newBuilder(bench.uri(ServerBench.BATCHES + "/" + id + "/progress"))
                    .header("Authorization", "Bearer " + bench.token)
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        body = response.body();
        connected.countDown();
        byte[] buffer = new byte[16 * 1024];
        byte[] line = new byte[256];
        int length = 0;
        int read;
        while ((read = body.read(buffer)) > 0) {
          for (int i = 0; i < read; i++) {
            if (buffer[i] != '\n') {
              if (length < line.length) {
                line[length] = buffer[i];
              }
              length++;
              continue;
            }
            if (is(line, length, PAUSED) || is(line, length, RESUMED)) {
              if (count < CHANGES) {
                received[count] = System.nanoTime();
                count++;
              }
            }
            length = 0;
          }
        }
      } catch (IOException | InterruptedException e) {
        // closed at the end of the run
      } finally {
        connected.countDown();
      }
    }

    private static boolean is(byte[] line, int length, byte[] expected) {
      return length == expected.length && Arrays.equals(line, 0, length, expected, 0, length);
    }

    void close() throws IOException {
      if (body != null) {
        body.close();
      }
    }
  }
}
