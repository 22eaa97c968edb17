package dev.spool.domain.dispatch;

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
}
