package dev.spool.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
 * {@code batch.paused} or {@code batch.resumed} arrives. Two delays are counted, both upper bounds
 * of commit-to-client:
 *
 * <ul>
 *   <li>from the event's own {@code timestamp}, which the change takes under the batch's lock in
 *       the transaction that commits it (the server runs in this JVM, on the same clock): this
 *       leaves out the time the request spent before the change began, and keeps the write and its
 *       commit in;
 *   <li>from the moment the request was sent, which adds the request's own handling.
 * </ul>
 */
final class SseFanout {
  private static final int SUBSCRIBERS = 500;
  private static final int CHANGES = 20;

  private SseFanout() {}

  static Map<String, Object> run(ServerBench bench) throws Exception {
    String id = bench.create(50_000, 20);
    boolean jdkClient = "jdk".equals(System.getProperty("spool.b5.client", "raw"));
    List<HttpClient> clients = new ArrayList<>();
    for (int c = 0; jdkClient && c < 10; c++) {
      clients.add(HttpClient.newHttpClient());
    }
    List<Subscriber> subscribers = new ArrayList<>();
    for (int s = 0; s < SUBSCRIBERS; s++) {
      subscribers.add(
          new Subscriber(jdkClient ? clients.get(s % clients.size()) : null, bench, id));
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
    long[] fromEvent = new long[SUBSCRIBERS * CHANGES];
    long[] fromRequest = new long[SUBSCRIBERS * CHANGES];
    int n = 0;
    int missing = 0;
    for (Subscriber s : subscribers) {
      s.close();
      for (int i = 0; i < CHANGES; i++) {
        if (i < s.count) {
          fromEvent[n] = s.receivedWall[i] - s.eventAt[i];
          fromRequest[n] = s.received[i] - sent[i];
          n++;
        } else {
          missing++;
        }
      }
    }
    clients.forEach(HttpClient::close);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("B5.subscribers", SUBSCRIBERS);
    figures.put("B5.client", jdkClient ? "\"java.net.http\"" : "\"raw socket\"");
    figures.put("B5.samples", n);
    figures.put("B5.missing", missing);
    percentiles(figures, "B5.delay", Arrays.copyOf(fromEvent, n));
    percentiles(figures, "B5.from_request", Arrays.copyOf(fromRequest, n));
    return figures;
  }

  private static void percentiles(Map<String, Object> figures, String name, long[] nanos) {
    figures.put(name + "_p50_ms", Stats.millis(Stats.percentile(nanos, 50)));
    figures.put(name + "_p99_ms", Stats.millis(Stats.percentile(nanos, 99)));
    figures.put(name + "_max_ms", Stats.millis(Stats.percentile(nanos, 100)));
  }

  /**
   * Reads one stream as bytes, noting when each pause or resume event arrives (by the monotonic
   * clock and the wall clock) and the {@code timestamp} in its data.
   */
  private static final class Subscriber {
    private static final byte[] PAUSED = "event: batch.paused".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESUMED =
        "event: batch.resumed".getBytes(StandardCharsets.US_ASCII);
    private static final String TIMESTAMP = "\"timestamp\":\"";

    final CountDownLatch connected = new CountDownLatch(1);
    final long[] received = new long[CHANGES];
    final long[] receivedWall = new long[CHANGES];
    final long[] eventAt = new long[CHANGES];
    volatile int count;
    private volatile AutoCloseable stream;

    Subscriber(HttpClient http, ServerBench bench, String id) {
      Thread.ofVirtual().start(() -> read(http, bench, id));
    }

    private InputStream open(HttpClient http, URI uri, String token)
        throws IOException, InterruptedException {
      if (http == null) {
        RawSseStream raw = RawSseStream.open(uri, token);
        stream = raw;
        return raw.body();
      }
      InputStream body =
          http.send(
                  HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
                  HttpResponse.BodyHandlers.ofInputStream())
              .body();
      stream = body;
      return body;
    }

    private void read(HttpClient http, ServerBench bench, String id) {
      try {
        InputStream body =
            open(http, bench.uri(ServerBench.BATCHES + "/" + id + "/progress"), bench.token);
        connected.countDown();
        byte[] buffer = new byte[16 * 1024];
        byte[] line = new byte[1024];
        int length = 0;
        int read;
        boolean dataNext = false;
        while ((read = body.read(buffer)) > 0) {
          for (int i = 0; i < read; i++) {
            if (buffer[i] != '\n') {
              if (length < line.length) {
                line[length] = buffer[i];
              }
              length++;
              continue;
            }
            if (dataNext) {
              eventAt[count] = epochNanos(timestamp(line, Math.min(length, line.length)));
              count++;
              dataNext = false;
            } else if ((is(line, length, PAUSED) || is(line, length, RESUMED)) && count < CHANGES) {
              received[count] = System.nanoTime();
              receivedWall[count] = epochNanos(Instant.now());
              dataNext = true;
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

    /** The {@code timestamp} of a {@code data:} line of seed 002's events. */
    private static Instant timestamp(byte[] line, int length) {
      String data = new String(line, 0, length, StandardCharsets.UTF_8);
      int start = data.indexOf(TIMESTAMP);
      if (start < 0) {
        throw new IllegalStateException("an event without a timestamp: " + data);
      }
      start += TIMESTAMP.length();
      return Instant.parse(data.substring(start, data.indexOf('"', start)));
    }

    private static long epochNanos(Instant instant) {
      return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static boolean is(byte[] line, int length, byte[] expected) {
      return length == expected.length && Arrays.equals(line, 0, length, expected, 0, length);
    }

    void close() throws Exception {
      if (stream != null) {
        stream.close();
      }
    }
  }
}
