package dev.spool.bootstrap.reliability;

import static dev.spool.bootstrap.http.TestServer.faculty;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.bootstrap.http.Bodies;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 generated requests, half of them signed in, against the server process: malformed and
 * mistyped JSON, huge numbers and strings, invalid UTF-8, bad UUIDs, unknown paths and methods,
 * missing and doubled headers. None may get a 5xx, and the server must stay healthy.
 */
class HttpFuzzIT {
  private static final int REQUESTS = 10_000;
  private static final String BASE = "/api/v1/generation";
  private static final String[] METHODS = {"GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS"};

  @TempDir Path data;

  @Test
  void ten_thousand_hostile_requests_get_no_5xx_and_the_server_stays_healthy() throws Exception {
    long seed = Long.getLong("spool.fuzz.seed", 20261124L);
    System.out.println("HttpFuzzIT seed: " + seed + " (rerun with -Dspool.fuzz.seed=" + seed + ")");
    Random random = new Random(seed);
    try (SpoolProcess server =
        SpoolProcess.start(
            "fuzz",
            SpoolProcess.environment(
                data, SpoolProcess.freePort(), "SPOOL_SIMULATOR_LATENCY_MS", "5"),
            Duration.ofSeconds(90))) {
      HttpClient http = client();
      String owner = faculty(UUID.randomUUID());
      String real = create(http, server.base(), owner);
      Map<Integer, Integer> statuses = new TreeMap<>();
      List<String> failures = new ArrayList<>();

      String previous = "none";
      for (int i = 0; i < REQUESTS; i++) {
        HttpRequest request = request(random, server.base(), owner, real);
        HttpResponse<String> response;
        try {
          response = send(http, request);
        } catch (Stalled stalled) {
          // the client's pooled connection stopped moving: the server must still answer on a
          // fresh connection, and so must this same request
          assertThat(healthy(server.base())).as("server health after a stalled exchange").isTrue();
          stalls++;
          http = client();
          response = send(http, request);
        } catch (IOException e) {
          if (request.bodyPublisher().orElseThrow().contentLength() > MAX_BODY) {
            // over the 1 MiB limit: Jetty answers 413 and closes while the client still sends
            oversizedRefused++;
            continue;
          }
          throw new AssertionError(
              "request "
                  + i
                  + " got no answer: "
                  + request.method()
                  + " "
                  + request.uri()
                  + " body "
                  + request.bodyPublisher().orElseThrow().contentLength()
                  + " bytes; previous "
                  + previous,
              e);
        }
        statuses.merge(response.statusCode(), 1, Integer::sum);
        if (OPENED_STREAM.equals(response.body())) {
          assertThat(request.method() + " " + request.uri().getPath())
              .as("only a progress GET opens an event stream")
              .endsWith("/progress")
              .startsWith("GET ");
          streamsOpened++;
        }
        previous =
            request.method()
                + " "
                + request.uri().getPath()
                + " "
                + request.bodyPublisher().orElseThrow().contentLength()
                + " bytes -> "
                + response.statusCode()
                + " "
                + response.headers().map();
        if (response.statusCode() >= 500 && failures.size() < 20) {
          failures.add(request.method() + " " + request.uri() + " -> " + response.body());
        }
        if (response.statusCode() >= 400 && !request.uri().getPath().equals("/openapi.json")) {
          assertThat(response.body())
              .as("an error envelope for %s %s", request.method(), request.uri())
              .startsWith("{\"data\":null,\"error\":{\"code\":")
              .doesNotContain("\tat ");
        }
      }

      System.out.println(
          "HttpFuzzIT statuses: "
              + statuses
              + "; resent after a closed connection: "
              + reconnects
              + "; oversized bodies cut off: "
              + oversizedRefused
              + "; stalled client connections replaced: "
              + stalls
              + "; progress streams opened: "
              + streamsOpened);
      assertThat(failures).as("requests answered with 5xx").isEmpty();
      assertThat(healthy(server.base())).as("ready after the storm").isTrue();
      assertThat(server.isAlive()).isTrue();
      assertThat(String.join("\n", server.lines())).doesNotContain("OutOfMemoryError");
    }
  }

  /**
   * Sends {@code request}, once more on a fresh connection if the pooled one was closed under it:
   * Jetty closes a connection after refusing a malformed request line, and the client may already
   * have picked that connection for the next request.
   */
  private static HttpResponse<String> send(HttpClient http, HttpRequest request)
      throws IOException, InterruptedException {
    try {
      return exchange(http, request);
    } catch (Stalled stalled) {
      throw stalled;
    } catch (IOException closed) {
      reconnects++;
      return exchange(http, request);
    }
  }

  /**
   * One exchange with a hard deadline. The request timeout alone is not enough: the JDK client can
   * sit on a connection the server has given up on (a refused oversized body) past it, and an
   * unbounded wait here would hang the build instead of failing it.
   */
  private static HttpResponse<String> exchange(HttpClient http, HttpRequest request)
      throws IOException, InterruptedException {
    var future = http.sendAsync(request, HttpFuzzIT::bodyUnlessStream);
    try {
      HttpResponse<String> response = future.get(EXCHANGE_DEADLINE.toSeconds(), TimeUnit.SECONDS);
      InputStream stream = openStream.getAndSet(null);
      if (stream != null) {
        stream.close();
      }
      return response;
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new Stalled(request);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Reads the body as text, except an opened progress stream: a signed-in GET on a batch's progress
   * is a real event stream that stays open while the batch is paused or running, so once its head
   * says {@code text/event-stream} the stream is closed and stands in as {@link #OPENED_STREAM}.
   */
  private static HttpResponse.BodySubscriber<String> bodyUnlessStream(
      HttpResponse.ResponseInfo info) {
    boolean stream =
        info.statusCode() == 200
            && info.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
    if (!stream) {
      return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
    }
    return HttpResponse.BodySubscribers.mapping(
        HttpResponse.BodySubscribers.ofInputStream(),
        in -> {
          openStream.set(in);
          return OPENED_STREAM;
        });
  }

  /** The stream {@link #bodyUnlessStream} last opened, for {@link #exchange} to close. */
  private static final AtomicReference<InputStream> openStream = new AtomicReference<>();

  private static final String OPENED_STREAM = "(an event stream, opened and closed)";

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** Asks for readiness on a client and connection of its own. */
  private static boolean healthy(String base) throws InterruptedException {
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(base + "/health/ready"))
            .timeout(Duration.ofSeconds(10))
            .build();
    try {
      return exchange(client(), ready).statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** No answer within {@link #EXCHANGE_DEADLINE}. */
  private static final class Stalled extends IOException {
    Stalled(HttpRequest request) {
      super(
          "no answer within "
              + EXCHANGE_DEADLINE
              + " to "
              + request.method()
              + " "
              + request.uri()
              + " ("
              + request.bodyPublisher().orElseThrow().contentLength()
              + " bytes)");
    }
  }

  private static final Duration EXCHANGE_DEADLINE = Duration.ofSeconds(20);
  private static int reconnects;
  private static int stalls;
  private static int streamsOpened;
  private static int oversizedRefused;
  private static final long MAX_BODY = 1 << 20;

  private static String create(HttpClient http, String base, String owner) throws Exception {
    HttpResponse<String> created =
        exchange(
            http,
            HttpRequest.newBuilder(URI.create(base + BASE + "/batch"))
                .header("Authorization", "Bearer " + owner)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(Bodies.generation(20, 2)))
                .build());
    assertThat(created.statusCode()).isEqualTo(201);
    return created.body().replaceAll(".*\"batchId\":\"([0-9a-f-]{36})\".*", "$1");
  }

  private static HttpRequest request(Random random, String base, String owner, String real) {
    String path = path(random, real);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    switch (random.nextInt(6)) {
      case 0, 1, 2 -> builder.header("Authorization", "Bearer " + owner);
      case 3 ->
          builder.header(
              "Authorization",
              pick(
                  random,
                  "Bearer",
                  "Bearer x.y.z",
                  "Basic Zm9vOmJhcg==",
                  "Bearer " + owner + "tampered",
                  ""));
      case 4 ->
          builder
              .header("Authorization", "Bearer " + owner)
              .header("Authorization", "Bearer " + owner);
      default -> {}
    }
    if (random.nextInt(4) == 0) {
      builder.header(
          "Idempotency-Key", random.nextBoolean() ? "k" + random.nextInt(5) : "\u00e9\u00e9");
    }
    if (random.nextInt(5) == 0) {
      builder.header("Idempotency-Key", "dup").header("Idempotency-Key", "dup2");
    }
    if (random.nextInt(6) == 0) {
      builder.header("Last-Event-ID", pick(random, "-1", "abc", "99999999999999999999", "5"));
    }
    String contentType =
        pick(
            random,
            "application/json",
            "application/json",
            "text/plain",
            "application/json; charset=latin1",
            "");
    if (!contentType.isEmpty()) {
      builder.header("Content-Type", contentType);
    }
    String method = METHODS[random.nextInt(METHODS.length)];
    byte[] body = body(random);
    return builder.method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  private static String path(Random random, String real) {
    String id =
        pick(
            random,
            real,
            UUID.randomUUID().toString(),
            "not-a-uuid",
            "00000000-0000-0000-0000-00000000000g",
            "%00",
            "..%2F..%2Fetc%2Fpasswd",
            "x".repeat(5_000));
    return switch (random.nextInt(12)) {
      case 0 -> BASE + "/batch";
      case 1 ->
          BASE
              + "/batch?status="
              + pick(random, "running", "nope", "", "%FF")
              + "&limit="
              + pick(random, "0", "-1", "201", "abc", "99999999999999999999", "5");
      case 2 -> BASE + "/batch?cursor=" + pick(random, "garbage", "eyJ4IjoxfQ", "%00%00");
      case 3 -> BASE + "/batch/" + id;
      case 4 ->
          BASE
              + "/batch/"
              + id
              + "/items?limit="
              + pick(random, "1", "0", "500", "x")
              + "&status="
              + pick(random, "failed", "weird");
      case 5 ->
          BASE + "/batch/" + id + "/" + pick(random, "pause", "resume", "cancel", "retry-failed");
      case 6 -> BASE + "/batch/" + id + "/stream-ticket";
      case 7 ->
          BASE
              + "/batch/"
              + id
              + "/progress?ticket="
              + pick(random, "bad", "", UUID.randomUUID().toString());
      case 8 -> BASE + "/questions/" + id;
      case 9 ->
          "/"
              + pick(
                  random,
                  "nope",
                  "admin",
                  "api/v2/x",
                  "metrics/../health/live",
                  "api/v1/generation/batch/" + real + "/items/extra");
      case 10 -> pick(random, "/health/live", "/health/ready", "/openapi.json");
      default -> BASE + "/batch/" + real + "/items";
    };
  }

  private static byte[] body(Random random) {
    String uuid = UUID.randomUUID().toString();
    String text =
        switch (random.nextInt(14)) {
          case 0 -> "";
          case 1 -> "{";
          case 2 -> "null";
          case 3 -> "[]";
          case 4 -> "{\"courseId\":\"" + uuid + "\",\"targetCount\":\"ten\"}";
          case 5 -> "{\"courseId\":\"" + uuid + "\",\"targetCount\":1" + "0".repeat(400) + "}";
          case 6 -> "{\"courseId\":\"" + uuid + "\",\"name\":\"" + "n".repeat(2_000_000) + "\"}";
          case 7 -> "{\"courseId\":\"not-a-uuid\",\"targetCount\":5}";
          case 8 -> "{\"courseId\":\"" + uuid + "\",\"courseId\":\"" + uuid + "\"}";
          case 9 ->
              Bodies.generation(1 + random.nextInt(5), 1 + random.nextInt(3))
                  .replace("30", pick(random, "-30", "1e308", "30.5", "\"30\"", "null"));
          case 10 -> Bodies.generation(2, 1).replace("}", ",\"surprise\":true}");
          case 11 ->
              "{\"items\":["
                  + "{\"name\":\"a\",\"prompt\":\"b\"},".repeat(random.nextInt(50))
                  + "{}]}";
          case 12 -> "{\"deep\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
          default -> Bodies.generation(3, 2);
        };
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(10) == 0 && bytes.length > 2) {
      // invalid UTF-8: a lone continuation byte, an overlong form, a truncated sequence
      byte[] odd = {(byte) 0x80, (byte) 0xC0, (byte) 0xAF, (byte) 0xE2, (byte) 0x82};
      int at = random.nextInt(bytes.length);
      byte[] mixed = new byte[bytes.length + odd.length];
      System.arraycopy(bytes, 0, mixed, 0, at);
      System.arraycopy(odd, 0, mixed, at, odd.length);
      System.arraycopy(bytes, at, mixed, at + odd.length, bytes.length - at);
      return mixed;
    }
    return bytes;
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... options) {
    return options[random.nextInt(options.length)];
  }
}
