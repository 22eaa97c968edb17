package dev.spool.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {
  private static final Instant AT = Instant.parse("2026-11-25T10:15:30.123Z");

  private static TimeOrderedIds at(Instant instant) {
    return new TimeOrderedIds(Clock.fixed(instant, ZoneOffset.UTC), new SplittableRandom(7));
  }

  @Test
  void an_id_is_a_version_7_uuid_of_the_ietf_variant() {
    UUID id = at(AT).get();

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
  }

  @Test
  void an_id_begins_with_the_clocks_unix_milliseconds() {
    UUID id = at(AT).get();

    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(AT.toEpochMilli());
    assertThat(id.toString()).startsWith("01a21234-0a4b-7");
  }

  @Test
  void ids_of_a_later_millisecond_sort_after_earlier_ones_as_postgresql_compares_them() {
    UUID earlier = at(AT).get();
    UUID later = at(AT.plusMillis(1)).get();

    // PostgreSQL orders uuids byte by byte, which is the order of their text form
    assertThat(later.toString()).isGreaterThan(earlier.toString());
  }

  @Test
  void ids_of_the_same_millisecond_are_distinct() {
    TimeOrderedIds ids = new TimeOrderedIds(Clock.fixed(AT, ZoneOffset.UTC));
    Set<UUID> seen = new HashSet<>();

    for (int i = 0; i < 100_000; i++) {
      seen.add(ids.get());
    }

    assertThat(seen).hasSize(100_000);
  }

  @Test
  void ids_drawn_from_many_threads_at_once_are_all_distinct() throws Exception {
    TimeOrderedIds ids = new TimeOrderedIds(Clock.fixed(AT, ZoneOffset.UTC));
    Set<UUID> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.List<Thread> threads = new java.util.ArrayList<>();
    for (int t = 0; t < 8; t++) {
      threads.add(
          Thread.ofPlatform()
              .start(() -> {
                for (int i = 0; i < 10_000; i++) {
                  seen.add(ids.get());
                }
              }));
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(seen).hasSize(80_000);
  }

  @Test
  void every_one_of_the_74_random_bits_varies_between_ids_of_one_millisecond() {
    TimeOrderedIds ids = at(AT);
    UUID first = ids.get();
    long variedHigh = 0;
    long variedLow = 0;

    for (int i = 0; i < 1_000; i++) {
      UUID next = ids.get();
      variedHigh |= next.getMostSignificantBits() ^ first.getMostSignificantBits();
      variedLow |= next.getLeastSignificantBits() ^ first.getLeastSignificantBits();
    }

    assertThat(variedHigh).as("rand_a: the low 12 bits").isEqualTo(0xFFFL);
    assertThat(variedLow).as("rand_b: all but the 2 variant bits").isEqualTo(-1L >>> 2);
  }
}
