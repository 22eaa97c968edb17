package dev.spool.application.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.fake.TestClock;
import dev.spool.application.port.out.RateLimiter;
import dev.spool.application.port.out.RateLimiter.Permits;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {
  private final TestClock clock = new TestClock();
  private final LocalRateLimiter limiter = LocalRateLimiter.perSecond(100, Optional.empty(), clock);

  @Test
  void a_hold_off_grants_nothing_until_it_ends_then_grants_again() {
    limiter.holdOff(Duration.ofSeconds(2));

    Permits held = limiter.acquire(5, 0);
    assertThat(held.granted()).isZero();
    assertThat(held.retryIn()).isBetween(Duration.ofMillis(1_900), Duration.ofSeconds(2));

    clock.advance(Duration.ofMillis(1_500));
    assertThat(limiter.acquire(1, 0).retryIn())
        .isBetween(Duration.ofMillis(400), Duration.ofMillis(500));

    clock.advance(Duration.ofMillis(500));
    assertThat(limiter.acquire(5, 0).granted()).isPositive();
  }

  @Test
  void a_shorter_hold_never_cuts_a_longer_one_short() {
    limiter.holdOff(Duration.ofSeconds(3));
    limiter.holdOff(Duration.ofMillis(100));

    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.acquire(1, 0).granted()).isZero();
    clock.advance(Duration.ofSeconds(2));
    assertThat(limiter.acquire(1, 0).granted()).isEqualTo(1);
  }

  @Test
  void the_unlimited_limiter_grants_everything_but_still_honours_a_hold() {
    RateLimiter unlimited = RateLimiter.unlimited(clock);
    assertThat(unlimited.acquire(10_000, 0).granted()).isEqualTo(10_000);

    unlimited.holdOff(Duration.ofSeconds(1));
    assertThat(unlimited.acquire(1, 0).granted()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(unlimited.acquire(1, 0).granted()).isEqualTo(1);
  }
}
