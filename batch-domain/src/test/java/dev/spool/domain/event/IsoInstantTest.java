package dev.spool.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantTest {

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

      assertThat(IsoInstant.of(instant)).as("%s", instant).isEqualTo(instant.toString());
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

    assertThat(edges).allSatisfy(e -> assertThat(IsoInstant.of(e)).isEqualTo(e.toString()));
  }
}
