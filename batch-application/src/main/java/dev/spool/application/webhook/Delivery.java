package dev.spool.application.webhook;

import dev.spool.domain.batch.BatchId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * One event for one endpoint, and what became of it.
 *
 * @param eventId the {@code webhook-id}: the same on every attempt and every redelivery, so a
 *     receiver can drop repeats
 * @param payload the body sent, exactly
 * @param attempts the attempts so far, oldest first (a log, so only those kept)
 */
public record Delivery(
    UUID id,
    EndpointId endpoint,
    String eventId,
    String eventType,
    BatchId batch,
    String payload,
    Status status,
    int attemptCount,
    Instant nextAttemptAt,
    Instant createdAt,
    Optional<Instant> deliveredAt,
    List<Attempt> attempts) {

  /** Where a delivery stands. */
  public enum Status {
    /** Waiting for its next attempt, or in one. */
    PENDING,
    /** A 2xx came back. */
    DELIVERED,
    /** Every attempt failed until its retries ran out. */
    FAILED;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Delivery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(deliveredAt, "deliveredAt");
    attempts = List.copyOf(attempts);
  }

  /**
   * One try at sending.
   *
   * @param statusCode the receiver's HTTP status, if it answered
   * @param error why it did not count, in words: a status outside 2xx, a timeout, a refused address
   * @param responsePrefix the first bytes of the receiver's answer, no more
   */
  public record Attempt(
      int number,
      Instant at,
      long durationMillis,
      OptionalInt statusCode,
      Optional<String> error,
      String responsePrefix) {
    public Attempt {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(statusCode, "statusCode");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(responsePrefix, "responsePrefix");
    }
  }
}
