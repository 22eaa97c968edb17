package dev.spool.application.ratelimit;

import dev.spool.application.port.out.RateLimiter;
import dev.spool.domain.ratelimit.Acquisition;
import dev.spool.domain.ratelimit.TokenBucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A rate limiter for one process: a request bucket and an optional tokens-per-minute bucket, both
 * refilled from the clock. Several nodes need a shared limiter instead.
 */
public final class LocalRateLimiter implements RateLimiter {
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private TokenBucket requests;
  private Optional<TokenBucket> tokens;
  private Instant heldUntil = Instant.MIN;
  private final Duration lease;

  private LocalRateLimiter(
      TokenBucket requests, Optional<TokenBucket> tokens, Clock clock, Duration lease) {
    this.clock = clock;
    this.requests = requests;
    this.tokens = tokens;
    this.lease = lease;
  }

  @Override
  public Duration lease() {
    return lease;
  }

  /**
   * A limiter that never starts more than {@code requestsPerSecond} calls in any one-second window
   * and, if given, spends at most {@code tokensPerMinute} tokens a minute on average.
   */
  public static LocalRateLimiter perSecond(
      int requestsPerSecond, Optional<Long> tokensPerMinute, Clock clock) {
    return new LocalRateLimiter(
        TokenBucket.windowLimited(requestsPerSecond, clock.instant()),
        tokensPerMinute.map(tpm -> TokenBucket.full(tpm, tpm / 60.0, clock.instant())),
        clock,
        TokenBucket.lease(requestsPerSecond));
  }

  @Override
  public Permits acquire(int wanted, long estimatedTokens) {
    lock.lock();
    try {
      Instant now = clock.instant();
      if (now.isBefore(heldUntil)) {
        return Permits.none(Duration.between(now, heldUntil));
      }
      int allowed = wanted;
      if (tokens.isPresent() && estimatedTokens > 0) {
        Acquisition byTokens = tokens.get().acquireUpTo(wanted, estimatedTokens, clock.instant());
        if (byTokens instanceof Acquisition.Denied denied) {
          tokens = Optional.of(denied.bucket());
          return Permits.none(denied.retryIn());
        }
        allowed = ((Acquisition.Granted) byTokens).permits();
        tokens = Optional.of(byTokens.bucket());
      }
      Acquisition byRequests = requests.acquireUpTo(allowed, 1, clock.instant());
      requests = byRequests.bucket();
      return switch (byRequests) {
        case Acquisition.Granted granted -> {
          refundTokens(allowed - granted.permits(), estimatedTokens);
          yield Permits.granted(granted.permits());
        }
        case Acquisition.Denied denied -> {
          refundTokens(allowed, estimatedTokens);
          yield Permits.none(denied.retryIn());
        }
      };
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void refund(int permits, long estimatedTokens) {
    lock.lock();
    try {
      requests = requests.refund(permits);
      refundTokens(permits, estimatedTokens);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void reconcile(long estimatedTokens, long actualTokens) {
    lock.lock();
    try {
      long difference = actualTokens - estimatedTokens;
      tokens =
          tokens.map(bucket ->
              difference >= 0
                  ? bucket.debit(difference, clock.instant())
                  : bucket.refund(-difference));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void holdOff(Duration wait) {
    lock.lock();
    try {
      Instant until = clock.instant().plus(wait);
      if (until.isAfter(heldUntil)) {
        heldUntil = until;
      }
    } finally {
      lock.unlock();
    }
  }

  private void refundTokens(int permits, long estimatedTokens) {
    if (permits > 0 && estimatedTokens > 0) {
      tokens = tokens.map(bucket -> bucket.refund((double) permits * estimatedTokens));
    }
  }
}
