package dev.spool.application.dispatch;

import dev.spool.application.loop.FailureStreak;
import dev.spool.application.port.out.RateLimiter;
import dev.spool.application.port.out.RateLimiter.Permits;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes rate-limit permits before a claim, never after: a node claims only as many items as it
 * holds permits for, and runs them at once. So the claim, which shares items across owners by
 * weight on every node ({@link dev.spool.domain.fairness.FairShare}), decides who each permit goes
 * to, and no claimed item sits on a concurrency slot waiting for one. A claim that takes fewer
 * items than it had permits for gives the rest back. One ask serves a whole claim, so a limiter
 * kept in the database costs one transaction per claim, not one per call.
 */
final class PermitGate {
  private static final Logger LOG = LoggerFactory.getLogger(PermitGate.class);
  private static final Duration LEAST_WAIT = Duration.ofMillis(1);
  private static final Duration AFTER_FAILURE = Duration.ofMillis(200);

  private final RateLimiter limiter;
  private final long estimatedTokens;
  private final FailureStreak failures = new FailureStreak(LOG, "asking the rate limiter");

  PermitGate(RateLimiter limiter, long estimatedTokens) {
    this.limiter = limiter;
    this.estimatedTokens = estimatedTokens;
  }

  /**
   * Takes up to {@code wanted} permits now, without waiting. If it gets none, the answer says how
   * long until one may be, counted from when the limiter read its clock, at the start of the call:
   * the time the call took is already spent, and waiting the whole retry time after the answer
   * would ask late every time (with a burst of one, rate lost for good: 3 % at 20 requests/s when
   * the limiter is a database transaction away).
   */
  Permits take(int wanted) {
    if (wanted <= 0) {
      return Permits.none(LEAST_WAIT);
    }
    try {
      long asked = System.nanoTime();
      Permits permits = limiter.acquire(wanted, estimatedTokens);
      failures.succeeded();
      if (permits.granted() > 0) {
        return permits;
      }
      Duration retryIn = permits.retryIn().minusNanos(System.nanoTime() - asked);
      return Permits.none(retryIn.compareTo(LEAST_WAIT) < 0 ? LEAST_WAIT : retryIn);
    } catch (RuntimeException e) {
      failures.failed(e); // the first with its trace, then the 2nd, 4th, 8th...: not every 200 ms
      return Permits.none(AFTER_FAILURE);
    }
  }

  /** Gives back permits taken for items that were not claimed or not run. */
  void giveBack(int permits) {
    if (permits <= 0) {
      return;
    }
    try {
      limiter.refund(permits, estimatedTokens);
    } catch (RuntimeException e) {
      LOG.warn("the rate limiter could not take back {} permits; they lapse", permits, e);
    }
  }

  /** Settles the reservation of a call that used {@code actualTokens}. */
  void used(long actualTokens) {
    try {
      limiter.reconcile(estimatedTokens, actualTokens);
    } catch (RuntimeException e) {
      LOG.warn("the rate limiter could not settle a call's tokens; going on", e);
    }
  }

  /** The provider said to wait: nobody sharing the limiter gets a permit for {@code wait}. */
  void holdOff(Duration wait) {
    try {
      limiter.holdOff(wait);
    } catch (RuntimeException e) {
      LOG.warn("the rate limiter could not hold off; going on", e);
    }
  }
}
