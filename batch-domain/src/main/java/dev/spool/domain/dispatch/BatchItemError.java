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
  /** The code of a provider's 429; it also halves the batch's concurrency. */
  public static final String RATE_LIMITED = "RATE_LIMITED";

  /** The code of an attempt cut off by an expired lease or a node that died. */
  public static final String INTERRUPTED = "INTERRUPTED";

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
    return new BatchItemError(RATE_LIMITED, message, true, Optional.of(retryAfter));
  }

  /** An attempt cut off before it could end, retried at once within its budget. */
  public static BatchItemError interrupted(String reason) {
    return retryable(INTERRUPTED, reason);
  }

  /** Whether the provider said to slow down. */
  public boolean isRateLimited() {
    return RATE_LIMITED.equals(code());
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
