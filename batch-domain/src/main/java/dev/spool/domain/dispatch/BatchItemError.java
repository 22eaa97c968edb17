package dev.spool.domain.dispatch;

import dev.spool.domain.SpoolException;
import dev.spool.domain.batch.ItemError;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt at one item failed. A retryable error is tried again within the item's retry budget;
 * a provider's retry-after hint sets the least wait.
 */
public final class BatchItemError extends SpoolException {
  private final boolean retryable;
  private final Optional<Duration> retryAfter;

  public BatchItemError(
      String code, String message, boolean retryable, Optional<Duration> retryAfter) {
    super(code, message);
    this.retryable = retryable;
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  public static BatchItemError retryable(String code, String message) {
    return new BatchItemError(code, message, true, Optional.empty());
  }

  public static BatchItemError permanent(String code, String message) {
    return new BatchItemError(code, message, false, Optional.empty());
  }

  /** The provider said to slow down, and for how long. */
  public static BatchItemError rateLimited(String message, Duration retryAfter) {
    return new BatchItemError("RATE_LIMITED", message, true, Optional.of(retryAfter));
  }

  public boolean retryable() {
    return retryable;
  }

  public Optional<Duration> retryAfter() {
    return retryAfter;
  }

  /** The error as an item keeps it. */
  public ItemError toItemError() {
    return new ItemError(code(), getMessage());
  }
}
