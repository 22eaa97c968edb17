package dev.spool.application;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Time-ordered UUIDs, version 7 of RFC 9562: 48 bits of Unix time in milliseconds, the version and
 * variant, and 74 random bits. Ids minted close in time sort close together, so the B-tree indexes
 * on them (items, questions, batches) take a batch's inserts, and the updates that re-index its
 * items, on a few neighbouring pages instead of pages all over the index. Random version 4 ids made
 * a dispatcher write touch a fresh index page for nearly every item. The random bits keep ids
 * unguessable beyond their millisecond, as version 4 ids are unguessable outright.
 */
public final class TimeOrderedIds implements Supplier<UUID> {
  private static final long VERSION_7 = 0x7000L;
  private static final long VARIANT = 0x8000_0000_0000_0000L;

  private final Clock clock;
  private final RandomGenerator random;

  /** Ids timed by {@code clock}, their random bits from a {@link SecureRandom}. */
  public TimeOrderedIds(Clock clock) {
    this(clock, new SecureRandom());
  }

  TimeOrderedIds(Clock clock, RandomGenerator random) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  @Override
  public UUID get() {
    long millis = clock.millis() & 0xFFFF_FFFF_FFFFL;
    long randA = random.nextInt(1 << 12);
    long randB = random.nextLong() >>> 2;
    return new UUID(millis << 16 | VERSION_7 | randA, VARIANT | randB);
  }
}
