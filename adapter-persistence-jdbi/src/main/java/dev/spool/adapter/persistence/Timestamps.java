package dev.spool.adapter.persistence;

import java.time.Instant;

/**
 * Instants as the dispatcher's writes send them: microseconds since the epoch for timestamp
 * columns.
 *
 * <p>A write of 250 outcomes carries some 500 instants. Sent as text, each was formatted by {@link
 * Instant#toString()}'s general-purpose formatter and parsed again by PostgreSQL; the formatter was
 * also among the largest methods the JIT compiler had to compile during a server's first batch.
 * Microseconds travel as a binary {@code int8} array that {@link #FROM_MICROS} turns into
 * timestamps, exactly.
 */
final class Timestamps {
  /**
   * SQL turning microseconds since the epoch, in the column named by the {@code %s}, into a
   * timestamptz. The product is a float8 times an interval, exact for any instant before the year
   * 2255 (2^53 microseconds).
   */
  static final String FROM_MICROS = "(TIMESTAMPTZ 'epoch' + %s * INTERVAL '1 microsecond')";

  private Timestamps() {}

  /**
   * Microseconds since the epoch, rounded to the nearest as PostgreSQL rounds the text it parses.
   */
  static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), (instant.getNano() + 500) / 1000);
  }
}
