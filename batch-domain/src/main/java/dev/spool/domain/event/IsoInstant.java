package dev.spool.domain.event;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An instant as ISO-8601 text, the same as {@link Instant#toString()}, written without its
 * general-purpose formatter: every event carries one, and the formatter cost a dispatcher more than
 * the rest of an event's encoding.
 */
final class IsoInstant {
  private static final long FIRST_FAST_SECOND = 0; // 1970-01-01T00:00:00Z
  private static final long END_FAST_SECOND = 253_402_300_800L; // 10000-01-01T00:00:00Z
  private static final int[] POWERS_OF_TEN = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };

  private IsoInstant() {}

  /** The same text as {@link Instant#toString()}, written without its general-purpose formatter. */
  static String of(Instant instant) {
    long second = instant.getEpochSecond();
    if (second < FIRST_FAST_SECOND || second >= END_FAST_SECOND) {
      return instant.toString();
    }
    LocalDate date = LocalDate.ofEpochDay(second / 86_400);
    int ofDay = (int) (second % 86_400);
    StringBuilder out = new StringBuilder(30);
    digits(out, date.getYear(), 4).append('-');
    digits(out, date.getMonthValue(), 2).append('-');
    digits(out, date.getDayOfMonth(), 2).append('T');
    digits(out, ofDay / 3600, 2).append(':');
    digits(out, ofDay / 60 % 60, 2).append(':');
    digits(out, ofDay % 60, 2);
    int nano = instant.getNano();
    if (nano > 0) {
      out.append('.');
      if (nano % 1_000_000 == 0) {
        digits(out, nano / 1_000_000, 3);
      } else if (nano % 1000 == 0) {
        digits(out, nano / 1000, 6);
      } else {
        digits(out, nano, 9);
      }
    }
    return out.append('Z').toString();
  }

  /** Appends {@code value}, zero-padded to {@code width} digits. */
  private static StringBuilder digits(StringBuilder out, int value, int width) {
    for (int place = POWERS_OF_TEN[width - 1]; place > 0; place /= 10) {
      out.append((char) ('0' + value / place % 10));
    }
    return out;
  }
}
