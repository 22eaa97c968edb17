package dev.spool.domain.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdaptiveConcurrencyTest {

  @Test
  void a_batch_starts_at_its_configured_concurrency() {
    assertThat(AdaptiveConcurrency.of(8).effective()).isEqualTo(8);
  }

  @Test
  void a_429_halves_the_effective_concurrency_down_to_one() {
    AdaptiveConcurrency c = AdaptiveConcurrency.of(8);

    assertThat(c.rateLimited().effective()).isEqualTo(4);
    assertThat(c.rateLimited().rateLimited().rateLimited().rateLimited().effective()).isEqualTo(1);
  }

  @Test
  void each_window_of_successes_grows_it_by_one_slot() {
    AdaptiveConcurrency c = AdaptiveConcurrency.of(8).rateLimited();
    for (int i = 0; i < 3; i++) {
      c = c.succeeded();
    }
    assertThat(c.effective()).isEqualTo(4);

    c = c.succeeded();
    assertThat(c.effective()).isEqualTo(5);
    assertThat(c.successes()).isZero();
  }

  @Test
  void it_never_grows_above_the_configured_limit() {
    AdaptiveConcurrency c = AdaptiveConcurrency.of(3).rateLimited();
    for (int i = 0; i < 100; i++) {
      c = c.succeeded();
    }

    assertThat(c.effective()).isEqualTo(3);
  }

  @Test
  void a_429_resets_the_success_streak() {
    AdaptiveConcurrency c = AdaptiveConcurrency.of(8).rateLimited().succeeded().succeeded();

    assertThat(c.rateLimited().successes()).isZero();
  }

  @Test
  void an_effective_value_outside_one_to_the_limit_is_refused() {
    assertThatThrownBy(() -> new AdaptiveConcurrency(4, 5, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AdaptiveConcurrency(4, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
