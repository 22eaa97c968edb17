package dev.spool.application.dispatch;

import dev.spool.application.loop.FailureStreak;
import dev.spool.application.port.out.DispatchObserver;
import dev.spool.application.port.out.RateLimiter;
import dev.spool.application.port.out.RateLimiter.Permits;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a rate-limit permit right before each generator call, so the limit holds for the calls
 * themselves, whatever happened between claim and call. One waiting worker per node asks the shared
 * limiter at a time (the others queue here, first come first served), so a crowd of waiting items
 * does not hammer a limiter kept in the database.
 */
final class PermitGate {
  private static final Logger LOG = LoggerFactory.getLogger(PermitGate.class);
  private static final Duration LEAST_WAIT = Duration.ofMillis(1);
  private static final Duration AFTER_FAILURE = Duration.ofMillis(200);

  private final RateLimiter limiter;
  private final long estimatedTokens;
  private final BooleanSupplier running;
  private final DispatchObserver observer;
  private final ReentrantLock turn = new ReentrantLock(true);
  private final FailureStreak failures = new FailureStreak(LOG, "asking the rate limiter");

  PermitGate(
      RateLimiter limiter,
      long estimatedTokens,
      BooleanSupplier running,
      DispatchObserver observer) {
    this.observer = observer;
    this.limiter = limiter;
    this.estimatedTokens = estimatedTokens;
    this.running = running;
  }

  /** Waits for a permit; false if the node stops or the thread is interrupted first. */
  boolean await() {
    long start = System.nanoTime();
    turn.lock();
    try {
      while (running.getAsBoolean()) {
        Duration wait = tryOnce();
        if (wait == null) {
          observeWait(start);
          return true;
        }
        if (wait.isPositive()) {
          Thread.sleep(wait);
        }
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      turn.unlock();
    }
  }

  private void observeWait(long startNanos) {
    Duration waited = Duration.ofNanos(System.nanoTime() - startNanos);
    if (waited.compareTo(LEAST_WAIT) >= 0) {
      observer.rateLimitWaited(waited);
    }
  }

  /** Settles the reservation of a call that used {@code actualTokens}. */
  void used(long actualTokens) {
    limiter.reconcile(estimatedTokens, actualTokens);
  }

  /** The provider said to wait: nobody sharing the limiter gets a permit for {@code wait}. */
  void holdOff(Duration wait) {
    try {
      limiter.holdOff(wait);
    } catch (RuntimeException e) {
      LOG.warn("the rate limiter could not hold off; going on", e);
    }
  }

  /**
   * Asks for one permit: null if granted, else how long to wait before asking again. The limiter's
   * retry time counts from when it read its clock, at the start of the call, so the time the call
   * took is already spent: sleeping the whole retry time after the answer would ask late every
   * time, and with a burst of one a late ask is rate lost for good (3 % at 20 requests/s when the
   * limiter is a database transaction away).
   */
  private Duration tryOnce() {
    try {
      long asked = System.nanoTime();
      Permits permits = limiter.acquire(1, estimatedTokens);
      failures.succeeded();
      if (permits.granted() > 0) {
        return null;
      }
      Duration retryIn =
          permits.retryIn().compareTo(LEAST_WAIT) < 0 ? LEAST_WAIT : permits.retryIn();
      return retryIn.minusNanos(System.nanoTime() - asked);
    } catch (RuntimeException e) {
      failures.failed(e); // the first with its trace, then the 2nd, 4th, 8th...: not every 200 ms
      return AFTER_FAILURE;
    }
  }
}
