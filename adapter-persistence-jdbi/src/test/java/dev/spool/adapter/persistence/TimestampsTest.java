package dev.spool.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  @Test
  void iso_text_is_exactly_what_instant_to_string_writes_across_four_centuries() {
    SplittableRandom random = new SplittableRandom(20261125);
    for (int i = 0; i < 200_000; i++) {
      long second = random.nextLong(-2_000_000_000L, 260_000_000_000L);
      int nano =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant instant = Instant.ofEpochSecond(second, nano);

      assertThat(Timestamps.iso(instant)).as("%s", instant).isEqualTo(instant.toString());
    }
  }

  @Test
  void iso_text_matches_at_the_edges_of_days_years_and_fractions() {
    List<Instant> edges =
        List.of(
            Instant.EPOCH,
            Instant.parse("1970-01-01T00:00:00.000000001Z"),
            Instant.parse("2000-02-29T23:59:59.999999999Z"),
            Instant.parse("2026-11-25T06:09:00Z"),
            Instant.parse("2026-11-25T06:09:03.100Z"),
            Instant.parse("2026-11-25T06:09:03.000100Z"),
            Instant.parse("2026-11-25T06:09:03.000000100Z"),
            Instant.parse("9999-12-31T23:59:59.999999999Z"),
            Instant.parse("+10000-01-01T00:00:00Z"),
            Instant.parse("1969-12-31T23:59:59.5Z"),
            Instant.MIN,
            Instant.MAX);

    assertThat(edges).allSatisfy(e -> assertThat(Timestamps.iso(e)).isEqualTo(e.toString()));
  }

  @Test
  void micros_round_a_nanosecond_remainder_to_the_nearest_microsecond() {
    assertThat(Timestamps.micros(Instant.ofEpochSecond(1, 1_499))).isEqualTo(1_000_001L);
    assertThat(Timestamps.micros(Instant.ofEpochSecond(1, 1_500))).isEqualTo(1_000_002L);
    assertThat(Timestamps.micros(Instant.ofEpochSecond(1, 999_999_600))).isEqualTo(2_000_000L);
    assertThat(Timestamps.micros(Instant.ofEpochSecond(-1, 0))).isEqualTo(-1_000_000L);
  }

  @Test
  void micros_refuse_an_instant_beyond_the_range_of_a_long() {
    assertThatThrownBy(() -> Timestamps.micros(Instant.MAX))
        .isInstanceOf(ArithmeticException.class);
  }
}
