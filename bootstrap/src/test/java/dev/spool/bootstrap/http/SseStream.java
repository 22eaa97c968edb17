package dev.spool.bootstrap.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** A real SSE client: reads the stream on a thread of its own and keeps every event it parsed. */
public final class SseStream implements AutoCloseable {
  /** One parsed event; {@code id} is null when the server sent none. */
  public record Event(Long id, String name, JsonNode data) {}

  private final HttpResponse<InputStream> response;
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final CountDownLatch ended = new CountDownLatch(1);
  private final Thread reader;

  private SseStream(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = Thread.ofVirtual().name("sse-test-reader").start(this::read);
  }

  public static SseStream open(ApiClient api, String path, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path)).GET();
    headers.forEach(request::header);
    try {
      return new SseStream(
          api.http().send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static SseStream open(ApiClient api, String path, String token) {
    return open(api, path, Map.of("Authorization", "Bearer " + token));
  }

  public int status() {
    return response.statusCode();
  }

  public HttpHeaders headers() {
    return response.headers();
  }

  public List<Event> events() {
    return List.copyOf(events);
  }

  public List<Event> named(String name) {
    return events.stream().filter(e -> e.name().equals(name)).toList();
  }

  public Event await(Predicate<Event> wanted, Duration within) {
    Awaitility.await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> events.stream().anyMatch(wanted));
    return events.stream().filter(wanted).findFirst().orElseThrow();
  }

  /** Whether the server ended the stream within {@code within}. */
  public boolean awaitEnd(Duration within) throws InterruptedException {
    return ended.await(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      Long id = null;
      String name = null;
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isEmpty()) {
          if (name != null) {
            events.add(new Event(id, name, ApiClient.JSON.readTree(data.toString())));
          }
          id = null;
          name = null;
          data.setLength(0);
        } else if (line.startsWith("id: ")) {
          id = Long.parseLong(line.substring(4));
        } else if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
    } catch (IOException e) {
      // the stream was closed
    } finally {
      ended.countDown();
    }
  }

  @Override
  public void close() {
    reader.interrupt();
    try {
      response.body().close();
    } catch (IOException e) {
      // already closed
    }
  }
}
