package dev.spool.bootstrap.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on loopback, as an integrator would write one. Every request's signature is
 * checked twice by code Spool's sender does not run: the Standard Webhooks formula written out here
 * with the JDK's HMAC, and the specification's own Java verifier. It answers with {@link #status}.
 */
public final class WebhookReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as it arrived, and whether its signature held. */
  public record Received(
      String id,
      String timestamp,
      String signature,
      JsonNode body,
      boolean verified,
      int answered) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile String secret;
  private volatile java.util.concurrent.CountDownLatch gate;
  private final java.util.concurrent.Semaphore arrivals = new java.util.concurrent.Semaphore(0);

  /** What the receiver answers; 200 unless a test changes it. */
  public final AtomicInteger status = new AtomicInteger(200);

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hook", this::handle);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  public void secret(String secret) {
    this.secret = secret;
  }

  /** From now on, requests wait for {@link #release()} before they are answered. */
  public void hold() {
    gate = new java.util.concurrent.CountDownLatch(1);
  }

  /** Answers the requests that wait, and every later one at once. */
  public void release() {
    java.util.concurrent.CountDownLatch held = gate;
    gate = null;
    if (held != null) {
      held.countDown();
    }
  }

  /** Whether a request arrived within {@code wait} (each arrival is counted once). */
  public boolean awaitArrival(java.time.Duration wait) throws InterruptedException {
    return arrivals.tryAcquire(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /** Requests that were answered 2xx. */
  public List<Received> accepted() {
    return received.stream().filter(r -> r.answered() / 100 == 2).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    String body = new String(bytes, StandardCharsets.UTF_8);
    String id = exchange.getRequestHeaders().getFirst("webhook-id");
    String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
    String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
    boolean verified =
        byFormula(id, timestamp, signature, body) && byLibrary(id, timestamp, signature, body);
    arrivals.release();
    java.util.concurrent.CountDownLatch held = gate;
    if (held != null) {
      try {
        held.await(120, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    int answer = status.get();
    received.add(new Received(id, timestamp, signature, JSON.readTree(body), verified, answer));
    byte[] reply = ("answered " + answer).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer, reply.length);
    exchange.getResponseBody().write(reply);
    exchange.close();
  }

  private boolean byFormula(String id, String timestamp, String signatures, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
      byte[] expected =
          mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      for (String signature : signatures.split(" ")) {
        if (signature.startsWith("v1,")
            && MessageDigest.isEqual(
                expected, Base64.getDecoder().decode(signature.substring("v1,".length())))) {
          return true;
        }
      }
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  private boolean byLibrary(String id, String timestamp, String signature, String body) {
    try {
      new Webhook(secret)
          .verify(
              body,
              Map.of(
                  "webhook-id", List.of(id),
                  "webhook-timestamp", List.of(timestamp),
                  "webhook-signature", List.of(signature)));
      return true;
    } catch (WebhookVerificationException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
