package dev.spool.domain.ratelimit;

import java.time.Duration;

/** The answer of a {@link TokenBucket} to a request for permits. */
public sealed interface Acquisition {

  /** The bucket after the request, to keep for the next one. */
  TokenBucket bucket();

  /** {@code permits} were taken, at least one. */
  record Granted(int permits, TokenBucket bucket) implements Acquisition {
    public Granted {
      if (permits < 1) {
        throw new IllegalArgumentException("a grant has at least one permit");
      }
    }
  }

  /** None could be taken; one will be available after {@code retryIn}. */
  record Denied(Duration retryIn, TokenBucket bucket) implements Acquisition {}
}
