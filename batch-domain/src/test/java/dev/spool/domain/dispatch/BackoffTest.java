package dev.spool.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {
  private static final Backoff BACKOFF = Backoff.DEFAULT;

  /** A generator that always returns the same fraction, to pin the jitter's ends. */
  private static RandomGenerator fixed(double fraction) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException("only nextDouble is used");
      }

      @Override
      public double nextDouble() {
        return fraction;
      }
    };
  }

  @ParameterizedTest(name = "after attempt {0} the ceiling is {1} ms")
  @CsvSource({"1, 1000", "2, 2000", "3, 4000", "6, 32000", "7, 60000", "8, 60000", "500, 60000"})
  void the_ceiling_doubles_from_one_second_up_to_the_sixty_second_cap(int attempt, long millis) {
    assertThat(BACKOFF.ceiling(attempt)).isEqualTo(Duration.ofMillis(millis));
  }

  @Test
  void full_jitter_spans_zero_up_to_the_ceiling() {
    assertThat(BACKOFF.delay(3, Optional.empty(), fixed(0.0))).isZero();
    assertThat(BACKOFF.delay(3, Optional.empty(), fixed(0.5))).isEqualTo(Duration.ofSeconds(2));
    assertThat(BACKOFF.delay(3, Optional.empty(), fixed(0.999999)))
        .isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void delays_always_stay_within_their_bounds() {
    SplittableRandom random = new SplittableRandom(7);
    for (int attempt = 1; attempt <= 12; attempt++) {
      for (int i = 0; i < 500; i++) {
        Duration delay = BACKOFF.delay(attempt, Optional.empty(), random);
        assertThat(delay).isBetween(Duration.ZERO, BACKOFF.ceiling(attempt));
      }
    }
  }

  @Test
  void a_retry_after_hint_is_the_least_wait_even_above_the_cap() {
    assertThat(BACKOFF.delay(1, Optional.of(Duration.ofSeconds(5)), fixed(0.9)))
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(BACKOFF.delay(1, Optional.of(Duration.ofSeconds(90)), fixed(0.9)))
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(BACKOFF.delay(4, Optional.of(Duration.ofMillis(10)), fixed(0.5)))
        .isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void a_base_above_the_cap_is_refused() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
