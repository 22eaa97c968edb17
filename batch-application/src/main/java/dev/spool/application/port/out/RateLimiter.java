package dev.spool.application.port.out;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The budget toward the LLM provider that all work shares: requests per interval and tokens per
 * interval. Tokens are reserved by estimate before a call and settled against real usage after.
 */
public interface RateLimiter {

  /**
   * Takes up to {@code wanted} request permits, each reserving {@code estimatedTokens}.
   *
   * @return how many were granted; if none, how long until one may be
   */
  Permits acquire(int wanted, long estimatedTokens);

  /** Gives back permits that were granted but not used. */
  void refund(int permits, long estimatedTokens);

  /** Settles one call's reservation against the tokens it really used. */
  void reconcile(long estimatedTokens, long actualTokens);

  /**
   * The provider answered 429 and said how long to wait: grant no permit to anyone sharing this
   * limiter for {@code wait}, so the whole node (or every node) backs off, not only one item. A
   * shorter hold never cuts a longer one short.
   */
  void holdOff(Duration wait);

  /**
   * How long a node may keep permits of one grant for its own calls beyond the usual wake-up: where
   * it is not zero, a node asks for that long of its recent rate at once and hands the permits out
   * locally, returning those left at the end ({@link #refund}). Zero by default: each ask is for
   * the calls waiting.
   */
  default Duration lease() {
    return Duration.ZERO;
  }

  /** The answer to {@link #acquire}. */
  record Permits(int granted, Duration retryIn) {
    public static Permits granted(int count) {
      return new Permits(count, Duration.ZERO);
    }

    public static Permits none(Duration retryIn) {
      return new Permits(0, retryIn);
    }
  }

  /**
   * A limiter with no budget of its own, for tests and for providers without limits. It still
   * honours {@link #holdOff}: a provider that says "wait" is obeyed whatever the budget.
   */
  static RateLimiter unlimited() {
    return unlimited(Clock.systemUTC());
  }

  /** {@link #unlimited()} on {@code clock}. */
  static RateLimiter unlimited(Clock clock) {
    AtomicReference<Instant> heldUntil = new AtomicReference<>(Instant.MIN);
    return new RateLimiter() {
      @Override
      public Permits acquire(int wanted, long estimatedTokens) {
        Instant now = clock.instant();
        Instant until = heldUntil.get();
        return now.isBefore(until)
            ? Permits.none(Duration.between(now, until))
            : Permits.granted(wanted);
      }

      @Override
      public void refund(int permits, long estimatedTokens) {}

      @Override
      public void reconcile(long estimatedTokens, long actualTokens) {}

      @Override
      public void holdOff(Duration wait) {
        Instant until = clock.instant().plus(wait);
        heldUntil.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
      }
    };
  }
}
