package dev.spool.adapter.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.spool.application.webhook.WebhookSender;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sender against a real HTTP receiver on loopback. Signatures are checked twice, by code the
 * sender does not share: the specification's formula written out here with the JDK's HMAC, and the
 * Standard Webhooks library's own verifier.
 */
class HttpWebhookSenderTest {
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String OLD_SECRET = "whsec_c2VjcmV0LXRoYXQtaXMtYmVpbmctcm90YXRlZA==";
  private static final String BODY = "{\"type\":\"batch.complete\",\"data\":{\"n\":\"é\"}}";

  private HttpServer receiver;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  record Received(String path, Map<String, List<String>> headers, String body) {}

  @BeforeEach
  void start() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/ok", exchange -> answer(exchange, 204, ""));
    receiver.createContext("/big", exchange -> answer(exchange, 200, "x".repeat(10_000)));
    receiver.createContext("/down", exchange -> answer(exchange, 503, "try later"));
    receiver.createContext(
        "/redirect",
        exchange -> {
          exchange.getResponseHeaders().add("Location", url("/ok").toString());
          answer(exchange, 307, "");
        });
    receiver.createContext(
        "/slow",
        exchange -> {
          try {
            Thread.sleep(3_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          answer(exchange, 200, "late");
        });
    receiver.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
  }

  private void answer(HttpExchange exchange, int status, String body) throws IOException {
    received.add(
        new Received(
            exchange.getRequestURI().getPath(),
            Map.copyOf(exchange.getRequestHeaders()),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + path);
  }

  private static WebhookSender.Outgoing outgoing(URI url, List<String> secrets) {
    return new WebhookSender.Outgoing(
        url, "evt_42", Instant.ofEpochSecond(1_796_000_000L), BODY, secrets);
  }

  /** The specification's signature, computed here from its text. */
  private static String expected(String secret, String id, String timestamp, String body)
      throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] signature =
        mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
    return "v1," + Base64.getEncoder().encodeToString(signature);
  }

  @Test
  void a_delivery_carries_the_standard_webhooks_headers_and_a_signature_others_can_verify()
      throws Exception {
    WebhookSender.Result result =
        new HttpWebhookSender(Duration.ofSeconds(5), true)
            .send(outgoing(url("/ok"), List.of(SECRET)));

    assertThat(result.delivered()).isTrue();
    assertThat(result.statusCode()).hasValue(204);
    Received got = received.getFirst();
    assertThat(got.body()).isEqualTo(BODY);
    Map<String, List<String>> h = got.headers();
    assertThat(h.get("Webhook-id")).containsExactly("evt_42");
    assertThat(h.get("Webhook-timestamp")).containsExactly("1796000000");
    assertThat(h.get("Content-type").getFirst()).startsWith("application/json");
    String signature = h.get("Webhook-signature").getFirst();
    assertThat(signature).isEqualTo(expected(SECRET, "evt_42", "1796000000", BODY));

    // the library's verifier rejects stale timestamps, so it checks one made now
    WebhookSender.Result fresh =
        new HttpWebhookSender(Duration.ofSeconds(5), true)
            .send(
                new WebhookSender.Outgoing(
                    url("/ok"), "evt_43", Instant.now(), BODY, List.of(SECRET)));
    assertThat(fresh.delivered()).isTrue();
    Received now = received.get(1);
    Map<String, List<String>> headers =
        Map.of(
            "webhook-id", now.headers().get("Webhook-id"),
            "webhook-timestamp", now.headers().get("Webhook-timestamp"),
            "webhook-signature", now.headers().get("Webhook-signature"));
    new Webhook(SECRET).verify(now.body(), headers);
    assertThatThrownBy(() -> new Webhook(OLD_SECRET).verify(now.body(), headers))
        .as("the check can fail")
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void during_a_rotation_each_secret_signs_so_either_verifies() throws Exception {
    new HttpWebhookSender(Duration.ofSeconds(5), true)
        .send(outgoing(url("/ok"), List.of(SECRET, OLD_SECRET)));

    String[] signatures =
        received.getFirst().headers().get("Webhook-signature").getFirst().split(" ");
    assertThat(signatures)
        .containsExactly(
            expected(SECRET, "evt_42", "1796000000", BODY),
            expected(OLD_SECRET, "evt_42", "1796000000", BODY));
  }

  @Test
  void redirects_are_not_followed_and_count_as_a_failed_attempt() {
    WebhookSender.Result result =
        new HttpWebhookSender(Duration.ofSeconds(5), true)
            .send(outgoing(url("/redirect"), List.of(SECRET)));

    assertThat(result.delivered()).isFalse();
    assertThat(result.statusCode()).hasValue(307);
    assertThat(result.error()).hasValueSatisfying(e -> assertThat(e).contains("not followed"));
    assertThat(received).extracting(Received::path).containsExactly("/redirect");
  }

  @Test
  void only_the_first_kibibyte_of_an_answer_is_kept() {
    WebhookSender.Result result =
        new HttpWebhookSender(Duration.ofSeconds(5), true)
            .send(outgoing(url("/big"), List.of(SECRET)));

    assertThat(result.delivered()).isTrue();
    assertThat(result.responsePrefix()).hasSize(HttpWebhookSender.RESPONSE_PREFIX);
  }

  @Test
  void an_error_status_and_a_timeout_are_failed_attempts_with_their_reasons() {
    HttpWebhookSender sender = new HttpWebhookSender(Duration.ofMillis(500), true);

    WebhookSender.Result down = sender.send(outgoing(url("/down"), List.of(SECRET)));
    WebhookSender.Result slow = sender.send(outgoing(url("/slow"), List.of(SECRET)));

    assertThat(down.delivered()).isFalse();
    assertThat(down.statusCode()).hasValue(503);
    assertThat(down.responsePrefix()).isEqualTo("try later");
    assertThat(slow.delivered()).isFalse();
    assertThat(slow.statusCode()).isEmpty();
    assertThat(slow.error()).hasValueSatisfying(e -> assertThat(e).contains("no answer within"));
  }

  @Test
  void a_private_address_is_refused_before_anything_is_sent() {
    WebhookSender.Result result =
        new HttpWebhookSender(Duration.ofSeconds(5), false)
            .send(outgoing(url("/ok"), List.of(SECRET)));

    assertThat(result.delivered()).isFalse();
    assertThat(result.error()).hasValueSatisfying(e -> assertThat(e).startsWith("not sent"));
    assertThat(received).isEmpty();
  }

  @Test
  void a_closed_port_is_a_failed_attempt_not_an_exception() throws IOException {
    int closed;
    try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    WebhookSender.Result result =
        new HttpWebhookSender(Duration.ofSeconds(2), true)
            .send(outgoing(URI.create("http://127.0.0.1:" + closed + "/hook"), List.of(SECRET)));

    assertThat(result.delivered()).isFalse();
    assertThat(result.error()).isPresent();
  }
}
