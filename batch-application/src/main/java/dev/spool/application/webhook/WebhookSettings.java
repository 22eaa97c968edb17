package dev.spool.application.webhook;

import dev.spool.domain.dispatch.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How webhooks are delivered.
 *
 * @param retryFor how long a delivery is retried after its event, before it is given up
 * @param disableAfter how long an endpoint may fail every attempt before it is disabled
 * @param backoff the wait between attempts: exponential with full jitter
 * @param timeout the longest one attempt may take, connecting and reading the answer
 * @param concurrency the most deliveries one node sends at once
 * @param poll how often the outbox and the deliverer look for work when nothing wakes them
 * @param secretOverlap how long an old secret goes on signing after a rotation
 * @param maxEndpoints the most endpoints one owner may have
 */
public record WebhookSettings(
    Duration retryFor,
    Duration disableAfter,
    Backoff backoff,
    Duration timeout,
    int concurrency,
    Duration poll,
    Duration secretOverlap,
    int maxEndpoints) {

  /** A day of retries, an endpoint disabled after a day of failures, 10 s per attempt. */
  public static final WebhookSettings DEFAULTS =
      new WebhookSettings(
          Duration.ofHours(24),
          Duration.ofHours(24),
          new Backoff(Duration.ofSeconds(5), Duration.ofHours(1)),
          Duration.ofSeconds(10),
          16,
          Duration.ofMillis(500),
          Duration.ofHours(24),
          20);

  public WebhookSettings {
    Objects.requireNonNull(retryFor, "retryFor");
    Objects.requireNonNull(disableAfter, "disableAfter");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(secretOverlap, "secretOverlap");
    if (concurrency < 1 || maxEndpoints < 1) {
      throw new IllegalArgumentException("webhook concurrency and maxEndpoints must be positive");
    }
    if (timeout.isNegative() || timeout.isZero() || poll.isNegative() || poll.isZero()) {
      throw new IllegalArgumentException("webhook timeout and poll must be positive");
    }
  }

  public WebhookSettings withRetries(Duration retryFor, Duration disableAfter, Backoff backoff) {
    return new WebhookSettings(
        retryFor, disableAfter, backoff, timeout, concurrency, poll, secretOverlap, maxEndpoints);
  }

  public WebhookSettings withTimeout(Duration timeout) {
    return new WebhookSettings(
        retryFor, disableAfter, backoff, timeout, concurrency, poll, secretOverlap, maxEndpoints);
  }

  public WebhookSettings withPoll(Duration poll) {
    return new WebhookSettings(
        retryFor, disableAfter, backoff, timeout, concurrency, poll, secretOverlap, maxEndpoints);
  }
}
