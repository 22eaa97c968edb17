package dev.spool.domain.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A token bucket: it holds up to {@code capacity} tokens and refills at {@code refillPerSecond}.
 * Acquisitions are weighted, so one bucket can count requests (weight 1 each) and another tokens of
 * a tokens-per-minute budget. Immutable, and time is passed in, so one state can be kept in memory
 * or in a database row alike.
 *
 * @param available may be negative after a {@link #debit} of more than was reserved
 * @param updatedAt when {@code available} was last brought up to date
 */
public record TokenBucket(
    double capacity, double refillPerSecond, double available, Instant updatedAt) {

  public TokenBucket {
    if (!(capacity > 0) || !(refillPerSecond > 0)) {
      throw new IllegalArgumentException("capacity and refill rate must be positive");
    }
    if (available > capacity || Double.isNaN(available)) {
      throw new IllegalArgumentException("available cannot exceed capacity");
    }
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public static TokenBucket full(double capacity, double refillPerSecond, Instant now) {
    return new TokenBucket(capacity, refillPerSecond, capacity, now);
  }

  /**
   * A bucket whose calls never number more than {@code perSecond} in any one-second window, even
   * where each call starts up to {@link #callDelay(int)} after its grant: the permit's transaction
   * commits, the worker wakes, and at high limits a node hands permits of one lease out for up to
   * {@link #lease(int)}. In a window of one second plus that delay the bucket can hand out at most
   * its burst plus that long a refill, so the two are chosen to sum to {@code perSecond + 1}. The
   * burst is a twentieth of the limit (at least 1), which keeps the sustained rate within 6% of the
   * limit while claims still batch; at a burst of 1 the allowance costs 1%. Where there are leases,
   * the burst is one lease's worth of the limit, and the sustained rate stays within 5% of it.
   */
  public static TokenBucket windowLimited(int perSecond, Instant now) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("a rate limit is at least 1 per second");
    }
    double burst =
        Math.max(
            1,
            Math.floor(
                lease(perSecond).isZero()
                    ? perSecond / 20.0
                    : perSecond * (lease(perSecond).toNanos() / 1e9)));
    double window = 1 + callDelay(perSecond).toNanos() / 1e9;
    return full(burst, (perSecond + 1 - burst) / window, now);
  }

  /** The limit from which a node takes permits in leases rather than as its calls need them. */
  public static final int LEASED_FROM = 5_000;

  /** How long a lease's permits stay good at most, where there are leases. */
  public static final Duration LEASE = Duration.ofMillis(20);

  /**
   * How long a node may keep the permits of one grant to hand out to its own calls: {@link #LEASE}
   * from {@link #LEASED_FROM} calls a second, where asking the shared bucket for every few calls
   * would cost more than the calls; none below, where a lease would cost a few percent of the rate.
   */
  public static Duration lease(int perSecond) {
    return perSecond >= LEASED_FROM ? LEASE : Duration.ZERO;
  }

  /** How much later than its grant a call of a bucket of {@code perSecond} may start. */
  public static Duration callDelay(int perSecond) {
    return CALL_DELAY_ALLOWANCE.plus(lease(perSecond));
  }

  /** How much later than its grant a call may start and still be counted within the limit. */
  public static final Duration CALL_DELAY_ALLOWANCE = Duration.ofMillis(10);

  /** The bucket at {@code now}. A clock that went back refills nothing. */
  public TokenBucket refilledAt(Instant now) {
    if (!now.isAfter(updatedAt)) {
      return this;
    }
    double seconds = Duration.between(updatedAt, now).toNanos() / 1e9;
    double refilled = Math.min(capacity, available + seconds * refillPerSecond);
    return new TokenBucket(capacity, refillPerSecond, refilled, now);
  }

  /** Takes {@code weight} tokens if the bucket has them. */
  public Acquisition tryAcquire(double weight, Instant now) {
    return acquireUpTo(1, weight, now);
  }

  /**
   * Takes as many permits as are available, up to {@code wanted}, each of {@code weight} tokens.
   *
   * @throws IllegalArgumentException if one permit weighs more than the bucket can ever hold
   */
  public Acquisition acquireUpTo(int wanted, double weight, Instant now) {
    if (wanted < 1 || !(weight > 0)) {
      throw new IllegalArgumentException("ask for at least one permit of positive weight");
    }
    if (weight > capacity) {
      throw new IllegalArgumentException(
          "a permit of " + weight + " tokens can never fit a bucket of " + capacity);
    }
    TokenBucket current = refilledAt(now);
    int permits = (int) Math.min(wanted, Math.floor(Math.max(0, current.available) / weight));
    if (permits == 0) {
      return new Acquisition.Denied(current.timeUntil(weight), current);
    }
    return new Acquisition.Granted(
        permits, current.withAvailable(current.available - permits * weight));
  }

  /** Gives back tokens that were taken but not used. */
  public TokenBucket refund(double weight) {
    return withAvailable(Math.min(capacity, available + weight));
  }

  /**
   * Takes tokens whether or not the bucket has them, as when real usage turns out larger than
   * reserved. The bucket may go negative; acquisitions then wait until it has refilled.
   */
  public TokenBucket debit(double weight, Instant now) {
    TokenBucket current = refilledAt(now);
    return current.withAvailable(current.available - weight);
  }

  private Duration timeUntil(double weight) {
    double missing = weight - available;
    return Duration.ofNanos((long) Math.ceil(missing / refillPerSecond * 1e9));
  }

  private TokenBucket withAvailable(double tokens) {
    return new TokenBucket(capacity, refillPerSecond, tokens, updatedAt);
  }
}
