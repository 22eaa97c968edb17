package dev.spool.application.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class BackgroundLoopTest {

  @Test
  void the_wait_after_failures_doubles_from_a_tenth_of_a_second_up_to_five_seconds() {
    var backoff = BackgroundLoop.FAILURE_BACKOFF;

    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofMillis(3_200));
    assertThat(backoff.ceiling(7)).isEqualTo(Duration.ofSeconds(5));
    assertThat(backoff.ceiling(1_000)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void a_turn_that_fails_is_tried_again_until_it_works_and_the_loop_goes_on() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch worked = new CountDownLatch(3);
    BackgroundLoop loop =
        started(() -> {
          if (calls.incrementAndGet() <= 2) {
            throw new IllegalStateException("not yet");
          }
          worked.countDown();
          return Duration.ZERO;
        });

    assertThat(worked.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(loop.stop(Duration.ofSeconds(5))).isTrue();
    assertThat(calls.get()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void a_wake_cuts_a_long_wait_short_and_a_stop_ends_a_waiting_loop() throws Exception {
    AtomicInteger turns = new AtomicInteger();
    BackgroundLoop loop =
        started(() -> {
          turns.incrementAndGet();
          return Duration.ofHours(1);
        });
    awaitTurns(turns, 1);

    loop.wake();
    awaitTurns(turns, 2);

    assertThat(loop.stop(Duration.ofSeconds(5))).as("stopped while waiting an hour").isTrue();
    assertThat(loop.running()).isFalse();
  }

  private static BackgroundLoop started(BackgroundLoop.Turn turn) {
    return new BackgroundLoop(
            "test-loop", LoggerFactory.getLogger(BackgroundLoopTest.class), "testing", turn)
        .start();
  }

  private static void awaitTurns(AtomicInteger turns, int atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (turns.get() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(turns.get()).isGreaterThanOrEqualTo(atLeast);
  }
}
