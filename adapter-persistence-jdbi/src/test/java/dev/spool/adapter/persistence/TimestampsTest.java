package dev.spool.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {

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
