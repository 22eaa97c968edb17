package dev.spool.adapter.webhook;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import dev.spool.application.webhook.WebhookSender;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Posts webhooks signed by the Standard Webhooks specification: {@code webhook-id}, {@code
 * webhook-timestamp} and {@code webhook-signature} ({@code v1,} and the HMAC-SHA256 of {@code
 * id.timestamp.body}, one per secret while a rotation overlaps), computed by the specification's
 * own Java library.
 *
 * <p>Redirects are never followed: a 3xx is a failed attempt, so a receiver cannot bounce a
 * delivery onto an address it could not register. The address is checked again before every
 * attempt, since what a name resolves to can change after it was registered. Only the first {@link
 * #RESPONSE_PREFIX} bytes of an answer are read. Secrets are never logged.
 */
public final class HttpWebhookSender implements WebhookSender {
  /** How much of a receiver's answer is kept for the delivery log. */
  static final int RESPONSE_PREFIX = 1_024;

  private static final String USER_AGENT = "Spool-Webhooks/1";

  private final Destinations destinations;
  private final Duration timeout;
  private final HttpClient client;

  /**
   * @param allowPrivate whether loopback, link-local and private addresses may receive webhooks:
   *     for tests and on-premises receivers
   */
  public HttpWebhookSender(Duration timeout, boolean allowPrivate) {
    this(timeout, allowPrivate, InetAddress::getAllByName);
  }

  HttpWebhookSender(Duration timeout, boolean allowPrivate, Destinations.Resolver resolver) {
    this.destinations = new Destinations(allowPrivate, resolver);
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  @Override
  public Optional<String> refusal(URI url) {
    return destinations.refusal(url);
  }

  @Override
  public Result send(Outgoing webhook) {
    long start = System.nanoTime();
    Optional<String> refused = destinations.refusal(webhook.url());
    if (refused.isPresent()) {
      return failed(OptionalInt.empty(), "not sent: " + refused.get(), "", start);
    }
    long timestamp = webhook.timestamp().getEpochSecond();
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(webhook.url())
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .header("User-Agent", USER_AGENT)
              .header("webhook-id", webhook.id())
              .header("webhook-timestamp", Long.toString(timestamp))
              .header("webhook-signature", signatures(webhook, timestamp))
              .POST(HttpRequest.BodyPublishers.ofString(webhook.body(), StandardCharsets.UTF_8))
              .build();
    } catch (IllegalArgumentException | WebhookSigningException e) {
      return failed(OptionalInt.empty(), "not sent: " + e.getMessage(), "", start);
    }
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      String prefix = prefix(response.body());
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return new Result(OptionalInt.of(status), Optional.empty(), prefix, millis(start));
      }
      String error =
          status >= 300 && status < 400
              ? "HTTP "
                  + status
                  + ": redirects are not followed"
                  + response.headers().firstValue("Location").map(l -> " (to " + l + ")").orElse("")
              : "HTTP " + status;
      return failed(OptionalInt.of(status), error, prefix, start);
    } catch (HttpConnectTimeoutException e) {
      return failed(OptionalInt.empty(), "could not connect within " + timeout, "", start);
    } catch (HttpTimeoutException e) {
      return failed(OptionalInt.empty(), "no answer within " + timeout, "", start);
    } catch (ConnectException e) {
      return failed(OptionalInt.empty(), "connection refused", "", start);
    } catch (IOException e) {
      return failed(
          OptionalInt.empty(),
          "the connection failed: " + Optional.ofNullable(e.getMessage()).orElse(e.toString()),
          "",
          start);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(OptionalInt.empty(), "interrupted while sending", "", start);
    }
  }

  /** One {@code v1,<base64>} per secret, space-separated, as the specification allows. */
  private static String signatures(Outgoing webhook, long timestamp)
      throws WebhookSigningException {
    List<String> signatures = new ArrayList<>(webhook.secrets().size());
    for (String secret : webhook.secrets()) {
      signatures.add(new Webhook(secret).sign(webhook.id(), timestamp, webhook.body()));
    }
    return String.join(" ", signatures);
  }

  /** The first bytes of the answer; the rest is never read, and the stream is closed. */
  private static String prefix(InputStream body) throws IOException {
    try (body) {
      byte[] bytes = body.readNBytes(RESPONSE_PREFIX);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static Result failed(OptionalInt status, String error, String prefix, long start) {
    return new Result(status, Optional.of(error), prefix, millis(start));
  }

  private static long millis(long start) {
    return Duration.ofNanos(System.nanoTime() - start).toMillis();
  }
}
