package dev.spool.domain.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  @Test
  void a_full_bucket_grants_up_to_its_capacity_at_once() {
    TokenBucket bucket = TokenBucket.full(5, 1, T0);

    Acquisition grant = bucket.acquireUpTo(8, 1, T0);

    assertThat(grant)
        .isInstanceOfSatisfying(
            Acquisition.Granted.class, g -> assertThat(g.permits()).isEqualTo(5));
    assertThat(grant.bucket().available()).isZero();
  }

  @Test
  void an_empty_bucket_says_how_long_to_wait_for_one_permit() {
    TokenBucket empty = TokenBucket.full(5, 2, T0).acquireUpTo(5, 1, T0).bucket();

    Acquisition denied = empty.tryAcquire(1, T0);

    assertThat(denied)
        .isInstanceOfSatisfying(
            Acquisition.Denied.class,
            d -> assertThat(d.retryIn()).isEqualTo(Duration.ofMillis(500)));
  }

  @Test
  void the_bucket_refills_at_its_rate_and_never_beyond_capacity() {
    TokenBucket empty = TokenBucket.full(10, 4, T0).acquireUpTo(10, 1, T0).bucket();

    assertThat(empty.refilledAt(T0.plusMillis(500)).available()).isEqualTo(2.0);
    assertThat(empty.refilledAt(T0.plusSeconds(60)).available()).isEqualTo(10.0);
  }

  @Test
  void weighted_acquisition_counts_tokens_not_requests() {
    TokenBucket tokensPerMinute = TokenBucket.full(60_000, 1_000, T0);

    Acquisition first = tokensPerMinute.tryAcquire(45_000, T0);
    Acquisition second = first.bucket().tryAcquire(20_000, T0);

    assertThat(first).isInstanceOf(Acquisition.Granted.class);
    assertThat(second)
        .isInstanceOfSatisfying(
            Acquisition.Denied.class,
            d -> assertThat(d.retryIn()).isEqualTo(Duration.ofSeconds(5)));
  }

  @Test
  void a_permit_heavier_than_the_capacity_is_refused_outright() {
    assertThatThrownBy(() -> TokenBucket.full(10, 1, T0).tryAcquire(11, T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refunds_give_back_unused_permits_up_to_capacity() {
    TokenBucket bucket = TokenBucket.full(5, 1, T0).acquireUpTo(3, 1, T0).bucket();

    assertThat(bucket.refund(2).available()).isEqualTo(4.0);
    assertThat(bucket.refund(10).available()).isEqualTo(5.0);
  }

  @Test
  void a_debit_beyond_the_reserve_puts_the_bucket_in_debt_until_it_refills() {
    TokenBucket indebted = TokenBucket.full(100, 10, T0).debit(150, T0);

    assertThat(indebted.available()).isEqualTo(-50.0);
    assertThat(indebted.tryAcquire(10, T0))
        .isInstanceOfSatisfying(
            Acquisition.Denied.class,
            d -> assertThat(d.retryIn()).isEqualTo(Duration.ofSeconds(6)));
    assertThat(indebted.tryAcquire(10, T0.plusSeconds(6))).isInstanceOf(Acquisition.Granted.class);
  }

  @Test
  void a_clock_that_goes_back_refills_nothing() {
    TokenBucket empty = TokenBucket.full(5, 1, T0).acquireUpTo(5, 1, T0).bucket();

    assertThat(empty.refilledAt(T0.minusSeconds(10))).isEqualTo(empty);
  }

  @Test
  void no_one_second_window_ever_grants_more_than_capacity_plus_rate() {
    double capacity = 20;
    double rate = 20;
    TokenBucket bucket = TokenBucket.full(capacity, rate, T0);
    SplittableRandom random = new SplittableRandom(3);
    List<Instant> grants = new ArrayList<>();
    Instant now = T0;
    for (int i = 0; i < 20_000; i++) {
      now = now.plusNanos(random.nextLong(1, 20_000_000));
      Acquisition result = bucket.acquireUpTo(1 + random.nextInt(4), 1, now);
      if (result instanceof Acquisition.Granted granted) {
        for (int p = 0; p < granted.permits(); p++) {
          grants.add(now);
        }
      }
      bucket = result.bucket();
    }
    assertThat(busiestSecond(grants)).isLessThanOrEqualTo((int) (capacity + rate));
    double seconds = Duration.between(T0, now).toNanos() / 1e9;
    assertThat(grants.size()).isLessThanOrEqualTo((int) (capacity + rate * seconds));
  }

  @Test
  void a_window_limited_bucket_never_grants_more_than_its_limit_in_any_second() {
    for (int limit : new int[] {1, 7, 20, 100, 1000}) {
      TokenBucket bucket = TokenBucket.windowLimited(limit, T0);
      SplittableRandom random = new SplittableRandom(limit);
      List<Instant> grants = new ArrayList<>();
      Instant now = T0;
      while (now.isBefore(T0.plusSeconds(20))) {
        now = now.plusNanos(random.nextLong(1, 5_000_000));
        Acquisition result = bucket.acquireUpTo(1 + random.nextInt(60), 1, now);
        if (result instanceof Acquisition.Granted granted) {
          for (int p = 0; p < granted.permits(); p++) {
            grants.add(now);
          }
        }
        bucket = result.bucket();
      }
      assertHeldTo(limit, grants);
    }
  }

  @Test
  void a_window_limited_bucket_keeps_its_limit_where_calls_start_up_to_10_ms_after_their_grants() {
    for (int limit : new int[] {1, 7, 20, 100, 1000}) {
      TokenBucket bucket = TokenBucket.windowLimited(limit, T0);
      SplittableRandom random = new SplittableRandom(limit);
      List<Instant> calls = new ArrayList<>();
      Instant now = T0;
      while (now.isBefore(T0.plusSeconds(20))) {
        // asked again the moment a permit is due, as a waiting worker does
        Acquisition result = bucket.acquireUpTo(1, 1, now);
        switch (result) {
          case Acquisition.Granted granted -> {
            calls.add(now.plusNanos(random.nextLong(0, 10_000_001)));
            now = now.plusNanos(1);
          }
          case Acquisition.Denied denied -> now = now.plus(denied.retryIn());
        }
        bucket = result.bucket();
      }
      calls.sort(null);
      assertHeldTo(limit, calls);
    }
  }

  @Test
  void a_leased_bucket_keeps_its_limit_where_calls_start_up_to_a_lease_after_their_grants() {
    for (int limit : new int[] {5_000, 20_000, 100_000}) {
      TokenBucket bucket = TokenBucket.windowLimited(limit, T0);
      long delayNanos = TokenBucket.callDelay(limit).toNanos();
      assertThat(delayNanos).isEqualTo(Duration.ofMillis(30).toNanos());
      SplittableRandom random = new SplittableRandom(limit);
      List<Instant> calls = new ArrayList<>();
      Instant now = T0;
      while (now.isBefore(T0.plusSeconds(20))) {
        // a node takes a lease of 20 ms of the limit and starts its calls at any time within the
        // lease and the allowance
        Acquisition result = bucket.acquireUpTo(limit / 50, 1, now);
        switch (result) {
          case Acquisition.Granted granted -> {
            for (int p = 0; p < granted.permits(); p++) {
              calls.add(now.plusNanos(random.nextLong(0, delayNanos + 1)));
            }
            now = now.plusNanos(random.nextLong(1, 2_000_000));
          }
          case Acquisition.Denied denied -> now = now.plus(denied.retryIn());
        }
        bucket = result.bucket();
      }
      calls.sort(null);
      assertHeldTo(limit, calls);
    }
  }

  /**
   * No second of the 20 s run holds more than {@code limit} of {@code sorted}, and the mean rate is
   * within 6 % of it.
   */
  private static void assertHeldTo(int limit, List<Instant> sorted) {
    assertThat(busiestSecond(sorted)).as("limit %d", limit).isLessThanOrEqualTo(limit);
    assertThat(sorted.size() / 20.0)
        .as("mean rate at limit %d", limit)
        .isGreaterThanOrEqualTo(limit * 0.94);
  }

  /** The most instants in any half-open second [t, t + 1 s) of {@code sorted}. */
  private static int busiestSecond(List<Instant> sorted) {
    int busiest = 0;
    for (int i = 0, j = 0; i < sorted.size(); i++) {
      while (!sorted.get(j).plusSeconds(1).isAfter(sorted.get(i))) {
        j++;
      }
      busiest = Math.max(busiest, i - j + 1);
    }
    return busiest;
  }
}
