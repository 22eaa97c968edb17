package dev.spool.domain.dispatch;

import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.Settlement;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Decides whether a failed attempt is tried again. An item gets {@code maxRetries + 1} attempts;
 * errors that are not retryable fail it at once.
 */
public record RetryPolicy(int maxRetries, Backoff backoff) {
  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries cannot be negative");
    }
    Objects.requireNonNull(backoff, "backoff");
  }

  public static RetryPolicy of(int maxRetries) {
    return new RetryPolicy(maxRetries, Backoff.DEFAULT);
  }

  /**
   * @param attempt the number of the attempt that failed, from 1
   */
  public FailureDecision decide(
      int attempt, BatchItemError error, Instant now, RandomGenerator random) {
    if (!error.retryable() || attempt > maxRetries) {
      return new FailureDecision.GiveUp(error.toItemError());
    }
    Instant notBefore = now.plus(backoff.delay(attempt, error.retryAfter(), random));
    return new FailureDecision.Retry(error.toItemError(), notBefore);
  }

  /**
   * How an item's failed attempt settles: it fails for good once its budget is spent or the error
   * cannot be retried; otherwise it waits for its retry, unless its batch was cancelled meanwhile,
   * which cancels it. An attempt that was cut off ({@code cutOff}: its lease expired, its node
   * died) is retried at once rather than after a backoff.
   *
   * @param item the item as claimed for this attempt, which its attempts count
   */
  public Settlement settle(
      BatchItem item,
      BatchItemError error,
      BatchStatus batch,
      boolean cutOff,
      Instant now,
      RandomGenerator random) {
    return switch (decide(item.attempts(), error, now, random)) {
      case FailureDecision.GiveUp giveUp -> item.fail(giveUp.error(), now);
      case FailureDecision.Retry retry ->
          batch == BatchStatus.CANCELLED
              ? item.cancelInFlight(now)
              : item.retryAt(retry.error(), cutOff ? now : retry.notBefore(), now);
    };
  }
}
