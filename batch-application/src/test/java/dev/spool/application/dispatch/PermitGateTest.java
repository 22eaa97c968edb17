package dev.spool.application.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.port.out.RateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermitGateTest {
  private static final Duration ANSWER_TIME = Duration.ofMillis(60);

  /**
   * A limiter that takes {@link #ANSWER_TIME} to answer (a shared one is a database transaction
   * away) and, the first time, says the next permit is due {@link #ANSWER_TIME} after it read its
   * clock, at the start of the call.
   */
  private static final class SlowLimiter implements RateLimiter {
    final List<Long> calls = new ArrayList<>();

    @Override
    public Permits acquire(int wanted, long estimatedTokens) {
      calls.add(System.nanoTime());
      sleep(ANSWER_TIME);
      return calls.size() == 1 ? Permits.none(ANSWER_TIME) : Permits.granted(1);
    }

    @Override
    public void refund(int permits, long estimatedTokens) {}

    @Override
    public void reconcile(long estimatedTokens, long actualTokens) {}

    @Override
    public void holdOff(Duration wait) {}
  }

  @Test
  void the_wait_for_a_permit_counts_from_when_the_limiter_read_its_clock_not_from_its_answer() {
    SlowLimiter limiter = new SlowLimiter();
    PermitGate gate = new PermitGate(limiter, 0);

    RateLimiter.Permits refused = gate.take(3);
    RateLimiter.Permits granted = gate.take(3);

    // the permit was due as the first answer came back: asking again at once is on time, while
    // sleeping the whole retry time after the answer would ask a whole answer time late, and
    // with a burst of one that lateness is throughput lost for good
    assertThat(refused.granted()).isZero();
    assertThat(refused.retryIn()).isLessThan(ANSWER_TIME.dividedBy(2));
    assertThat(granted.granted()).isEqualTo(1);
  }

  @Test
  void a_limiter_that_fails_is_asked_again_later_and_permits_given_back_reach_it() {
    List<Integer> refunds = new ArrayList<>();
    RateLimiter broken =
        new RateLimiter() {
          @Override
          public Permits acquire(int wanted, long estimatedTokens) {
            throw new IllegalStateException("the database is away");
          }

          @Override
          public void refund(int permits, long estimatedTokens) {
            refunds.add(permits);
          }

          @Override
          public void reconcile(long estimatedTokens, long actualTokens) {}

          @Override
          public void holdOff(Duration wait) {}
        };
    PermitGate gate = new PermitGate(broken, 0);

    RateLimiter.Permits answer = gate.take(5);
    gate.giveBack(2);
    gate.giveBack(0);

    assertThat(answer.granted()).isZero();
    assertThat(answer.retryIn()).isPositive();
    assertThat(refunds).containsExactly(2);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
