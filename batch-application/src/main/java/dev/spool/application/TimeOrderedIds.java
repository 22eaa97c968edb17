package dev.spool.application;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
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

  /** The random bits of one id: 74 of these 80 are used. */
  private static final int RANDOM_BYTES = 10;

  /**
   * Ids whose random bits are drawn in one call. A {@link SecureRandom} call takes a lock and reads
   * the kernel's generator whatever its size; creating a batch of 20,000 items draws 20,000 ids,
   * and each outcome write one per completed item. The bits are as unpredictable drawn ahead as
   * drawn one at a time, and are used once.
   */
  private static final int IDS_PER_DRAW = 256;

  private final Clock clock;
  private final RandomGenerator random;
  private final byte[] drawn = new byte[RANDOM_BYTES * IDS_PER_DRAW];
  private int next = drawn.length; // guarded by this

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
    byte[] bits = new byte[RANDOM_BYTES];
    synchronized (this) {
      if (next == drawn.length) {
        random.nextBytes(drawn);
        next = 0;
      }
      System.arraycopy(drawn, next, bits, 0, RANDOM_BYTES);
      Arrays.fill(drawn, next, next + RANDOM_BYTES, (byte) 0);
      next += RANDOM_BYTES;
    }
    long randA = (bits[0] & 0xFFL) << 4 | (bits[1] & 0xF0L) >>> 4;
    long randB = 0;
    for (int i = 2; i < RANDOM_BYTES; i++) {
      randB = randB << 8 | (bits[i] & 0xFFL);
    }
    return new UUID(millis << 16 | VERSION_7 | randA, VARIANT | randB >>> 2);
  }
}
