package dev.spool.application.dispatch;

import dev.spool.application.loop.FailureStreak;
import dev.spool.application.port.out.DispatchObserver;
import dev.spool.application.port.out.RateLimiter;
import dev.spool.application.port.out.RateLimiter.Permits;
import dev.spool.domain.ratelimit.TokenBucket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a rate-limit permit right before each generator call, so the limit holds for the calls
 * themselves, whatever happened between claim and call. One waiting worker per node asks the shared
 * limiter at a time (the others queue here, first come first served), so a crowd of waiting items
 * does not hammer a limiter kept in the database. The one that asks, asks for everyone queued
 * behind it, and hands the permits it got down the queue while they are fresh, so a burst of
 * claimed items costs one ask of the limiter, not one each.
 *
 * <p>While the limit is contended (a permit was refused in the last second), a node keeps at most
 * {@link #QUEUE_WHEN_CONTENDED} claimed items waiting here, and claims more only as they pass
 * ({@link #room}). So the claim, which shares items across owners by weight on every node ({@link
 * dev.spool.domain.fairness.FairShare}), decides who the permits go to, rather than whoever claimed
 * the most slots before the limit bit; and no item holds a concurrency slot long while it waits.
 * Before it is refused, a node does not know whether the limit is contended, so it does not claim
 * all it could at once either: it keeps at most two items waiting at first, twice as many after
 * each ask the limiter grants in full, and two again after a refusal. Claiming a whole batch of
 * items at once into a limit that then refused left them queued here behind each other, on a node
 * that joined a contended limit, ahead of the items fair share would have sent next.
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
  private final AtomicInteger waiting = new AtomicInteger();
  private final Runnable passed;
  // a claim got less room than it wanted: the next item to leave the queue wakes the claimer
  private volatile boolean heldBack;
  private volatile long lastRefusedNanos;
  // permits granted to an ask for the whole queue, for the workers behind in turn; guarded by turn
  private int spare;
  private long spareSince;
  private volatile boolean everRefused;
  private final FailureStreak failures = new FailureStreak(LOG, "asking the rate limiter");

  /** How many claimed items a node keeps waiting for a permit while the limit is contended. */
  static final int QUEUE_WHEN_CONTENDED = 2;

  /** At high rates, how long of this node's permits it keeps waiting while contended. */
  static final Duration QUEUED_FOR = Duration.ofMillis(25);

  private static final long CONTENDED_FOR_NANOS = Duration.ofSeconds(1).toNanos();

  /** The most items kept waiting however much the limiter grants. */
  private static final int MOST_WAITING = 1 << 20;

  /** How many items may wait here while the limit is not contended; see the class comment. */
  private volatile int allowance = QUEUE_WHEN_CONTENDED;

  /** The most permits one ask takes for a lease. */
  private static final int MOST_PER_LEASE = 10_000;

  /**
   * How long permits asked for the queue stay good for the workers behind: a limiter counts a call
   * when it grants its permit, and allows the call to start {@link
   * TokenBucket#CALL_DELAY_ALLOWANCE} plus its {@linkplain RateLimiter#lease() lease} later at
   * most; the margin is for the worker's wake-up.
   */
  private final long freshNanos;

  /** The limiter's lease: zero, or how long of its recent rate an ask takes at once. */
  private final Duration lease;

  // the node's rate of permits handed out, measured over windows of RATE_WINDOW; guarded by turn
  private long handedOut;
  private long windowStartNanos = System.nanoTime();
  private volatile double rate;

  private static final long RATE_WINDOW_NANOS = Duration.ofMillis(100).toNanos();

  /** Counts a permit handed to a worker, and measures the rate once a window has passed. */
  private void handOut() {
    handedOut++;
    long now = System.nanoTime();
    long elapsed = now - windowStartNanos;
    if (elapsed >= RATE_WINDOW_NANOS) {
      double observed = handedOut / (elapsed / 1e9);
      rate = rate == 0 ? observed : (rate + observed) / 2;
      handedOut = 0;
      windowStartNanos = now;
    }
  }

  /**
   * @param passed called when an item leaves the queue, permit or not, after {@link #room} gave a
   *     claim less than it wanted: there is room for a claim now. Waking the claimer for every item
   *     that passed, when nothing held a claim back, ran an empty claim transaction per wake-up
   *     beside the outcome writes (about 180 a second in B1).
   */
  PermitGate(
      RateLimiter limiter,
      long estimatedTokens,
      BooleanSupplier running,
      DispatchObserver observer,
      Runnable passed) {
    this.passed = passed;
    this.observer = observer;
    this.limiter = limiter;
    this.estimatedTokens = estimatedTokens;
    this.running = running;
    this.lease = limiter.lease();
    this.freshNanos = TokenBucket.CALL_DELAY_ALLOWANCE.minusMillis(2).plus(lease).toNanos();
  }

  /**
   * How many items to keep waiting while the limit is contended: {@link #QUEUE_WHEN_CONTENDED}, or
   * {@link #QUEUED_FOR} of this node's recent rate of permits if that is more. At 20 calls a second
   * that is two; at 2,000 it is fifty, where two could not keep up with a permit every half
   * millisecond while each claim takes a few.
   */
  private int queueWhenContended() {
    double perSecond = rate;
    return (int) Math.max(QUEUE_WHEN_CONTENDED, Math.ceil(perSecond * QUEUED_FOR.toNanos() / 1e9));
  }

  /**
   * How many permits to ask for: one for each worker queued; where the limiter leases, at least a
   * lease's worth of this node's recent rate, so that asks of the shared bucket come once a lease
   * rather than once a few calls. Permits left when the lease ends go back.
   */
  private int askFor() {
    int queued = Math.max(1, waiting.get());
    if (lease.isZero()) {
      return queued;
    }
    long leased = (long) Math.ceil(rate * (lease.toNanos() / 1e9));
    return (int) Math.max(queued, Math.min(MOST_PER_LEASE, leased));
  }

  /**
   * How many of {@code wanted} items a claim may take now: all of them, unless the limit is
   * contended, then only as many as keep {@link #QUEUE_WHEN_CONTENDED} waiting here.
   */
  int room(int wanted) {
    // set before the queue is read, so an item leaving between the read and the answer still wakes
    heldBack = true;
    boolean contended = everRefused && System.nanoTime() - lastRefusedNanos <= CONTENDED_FOR_NANOS;
    int cap = contended ? queueWhenContended() : allowance;
    int room = Math.max(0, Math.min(wanted, cap - waiting.get()));
    if (room == wanted) {
      heldBack = false;
    }
    return room;
  }

  /** Waits for a permit; false if the node stops or the thread is interrupted first. */
  boolean await() {
    waiting.incrementAndGet();
    try {
      return awaitInTurn();
    } finally {
      waiting.decrementAndGet();
      if (heldBack) {
        heldBack = false;
        passed.run();
      }
    }
  }

  private boolean awaitInTurn() {
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

  /** Returns permits that were granted but will not be used. */
  private void giveBack(int permits) {
    spare = 0;
    try {
      limiter.refund(permits, estimatedTokens);
    } catch (RuntimeException e) {
      LOG.warn("the rate limiter could not take back {} permits; they lapse", permits, e);
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
   * Gets this worker a permit: a fresh one left by the ask before it, or from the limiter, asking
   * for everyone queued (the rest are left for them). Null if it got one, else how long to wait
   * before asking again; permits left over that are no longer fresh go back. The limiter's retry
   * time counts from when it read its clock, at the start of the call, so the time the call took is
   * already spent: sleeping the whole retry time after the answer would ask late every time, and
   * with a burst of one a late ask is rate lost for good (3 % at 20 requests/s when the limiter is
   * a database transaction away).
   */
  private Duration tryOnce() {
    if (spare > 0) {
      if (System.nanoTime() - spareSince <= freshNanos) {
        spare--;
        handOut();
        return null;
      }
      giveBack(spare);
    }
    try {
      long asked = System.nanoTime();
      int ask = askFor();
      Permits permits = limiter.acquire(ask, estimatedTokens);
      failures.succeeded();
      if (permits.granted() >= ask) {
        allowance = (int) Math.min(MOST_WAITING, 2L * allowance);
      } else {
        allowance = QUEUE_WHEN_CONTENDED;
      }
      if (permits.granted() > 0) {
        spare = permits.granted() - 1;
        spareSince = asked;
        handOut();
        return null;
      }
      lastRefusedNanos = System.nanoTime();
      everRefused = true;
      Duration retryIn =
          permits.retryIn().compareTo(LEAST_WAIT) < 0 ? LEAST_WAIT : permits.retryIn();
      return retryIn.minusNanos(System.nanoTime() - asked);
    } catch (RuntimeException e) {
      failures.failed(e); // the first with its trace, then the 2nd, 4th, 8th...: not every 200 ms
      return AFTER_FAILURE;
    }
  }
}
