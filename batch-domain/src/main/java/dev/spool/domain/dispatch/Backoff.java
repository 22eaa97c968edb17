package dev.spool.domain.dispatch;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the wait before retry {@code n} is uniform in {@code [0,
 * min(cap, base * 2^(n-1)))}. A provider's retry-after hint is the least wait, and is honoured even
 * above the cap.
 */
public record Backoff(Duration base, Duration cap) {
  public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

  public Backoff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(cap, "cap");
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= cap");
    }
  }

  /** The longest a retry after {@code attempt} attempts may wait, before any hint. */
  public Duration ceiling(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts count from 1, was " + attempt);
    }
    int doublings = Math.min(attempt - 1, 62);
    long capNanos = cap.toNanos();
    long nanos = base.toNanos();
    for (int i = 0; i < doublings && nanos < capNanos; i++) {
      nanos = Math.min(capNanos, nanos * 2);
    }
    return Duration.ofNanos(Math.min(nanos, capNanos));
  }

  /** The wait before the retry that follows attempt number {@code attempt}. */
  public Duration delay(int attempt, Optional<Duration> retryAfter, RandomGenerator random) {
    long jittered = (long) (random.nextDouble() * ceiling(attempt).toNanos());
    Duration delay = Duration.ofNanos(jittered);
    return retryAfter.filter(hint -> hint.compareTo(delay) > 0).orElse(delay);
  }
}
