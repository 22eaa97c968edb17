package dev.spool.application.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** Sends signed webhooks, and says which addresses may receive them. */
public interface WebhookSender {

  /**
   * Why {@code url} may not receive webhooks (a scheme other than http(s), or a host that is or
   * resolves to a loopback, link-local or private address, unless those are allowed), or empty if
   * it may.
   */
  Optional<String> refusal(URI url);

  /**
   * Signs and posts one webhook, checking its address again first. Never throws for the receiver's
   * failings: they come back as a result.
   */
  Result send(Outgoing webhook);

  /**
   * A webhook to send.
   *
   * @param id the {@code webhook-id}
   * @param timestamp the {@code webhook-timestamp}: when this attempt is made
   * @param secrets each signs the body; the receiver accepts any one it knows
   */
  record Outgoing(URI url, String id, Instant timestamp, String body, List<String> secrets) {
    public Outgoing {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(timestamp, "timestamp");
      Objects.requireNonNull(body, "body");
      secrets = List.copyOf(secrets);
    }

    @Override
    public String toString() {
      return "Outgoing[" + id + " to " + url + "]";
    }
  }

  /**
   * What came of one attempt.
   *
   * @param statusCode the receiver's status, if it answered
   * @param error why it did not count; empty for a 2xx
   * @param responsePrefix at most the first bytes of the answer
   */
  record Result(
      OptionalInt statusCode, Optional<String> error, String responsePrefix, long durationMillis) {
    public Result {
      Objects.requireNonNull(statusCode, "statusCode");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(responsePrefix, "responsePrefix");
    }

    public boolean delivered() {
      return error.isEmpty();
    }
  }
}
