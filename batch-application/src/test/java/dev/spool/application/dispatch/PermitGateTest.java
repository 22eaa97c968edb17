package dev.spool.application.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.port.out.DispatchObserver;
import dev.spool.application.port.out.RateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermitGateTest {
  private static final Duration ANSWER_TIME = Duration.ofMillis(60);

  /** A limiter of which the tests look only at the asks: nothing is given back or settled. */
  private interface AsksOnly extends RateLimiter {
    @Override
    default void refund(int permits, long estimatedTokens) {}

    @Override
    default void reconcile(long estimatedTokens, long actualTokens) {}

    @Override
    default void holdOff(Duration wait) {}
  }

  /**
   * A limiter that takes {@link #ANSWER_TIME} to answer (a shared one is a database transaction
   * away) and, the first time, says the next permit is due {@link #ANSWER_TIME} after it read its
   * clock, at the start of the call.
   */
  private static final class SlowLimiter implements AsksOnly {
    final List<Long> calls = new ArrayList<>();

    @Override
    public Permits acquire(int wanted, long estimatedTokens) {
      calls.add(System.nanoTime());
      sleep(ANSWER_TIME);
      return calls.size() == 1 ? Permits.none(ANSWER_TIME) : Permits.granted(1);
    }
  }

  /** Grants all it is asked for, its first answer after {@code firstAnswer}. */
  private static final class Generous implements AsksOnly {
    final List<Integer> asks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Duration firstAnswer;

    Generous(Duration firstAnswer) {
      this.firstAnswer = firstAnswer;
    }

    @Override
    public Permits acquire(int wanted, long estimatedTokens) {
      asks.add(wanted);
      if (asks.size() == 1) {
        sleep(firstAnswer);
      }
      return Permits.granted(wanted);
    }
  }

  @Test
  void the_wait_for_a_permit_counts_from_when_the_limiter_read_its_clock_not_from_its_answer() {
    SlowLimiter limiter = new SlowLimiter();
    PermitGate gate = new PermitGate(limiter, 0, () -> true, DispatchObserver.NONE, () -> {});

    assertThat(gate.await()).isTrue();

    // the permit was due as the first answer came back: asking again at once is on time, while
    // sleeping the whole retry time after the answer would ask a whole answer time late, and
    // with a burst of one that lateness is throughput lost for good
    Duration between = Duration.ofNanos(limiter.calls.get(1) - limiter.calls.get(0));
    assertThat(between)
        .isGreaterThanOrEqualTo(ANSWER_TIME)
        .isLessThan(ANSWER_TIME.multipliedBy(3).dividedBy(2));
  }

  @Test
  void while_the_limit_is_contended_a_claim_has_room_only_to_keep_two_items_waiting() {
    SlowLimiter limiter = new SlowLimiter();
    java.util.concurrent.atomic.AtomicInteger passed =
        new java.util.concurrent.atomic.AtomicInteger();
    PermitGate gate =
        new PermitGate(limiter, 0, () -> true, DispatchObserver.NONE, passed::incrementAndGet);

    assertThat(gate.room(50)).as("never asked: two at first").isEqualTo(2);
    assertThat(gate.await()).isTrue();

    assertThat(passed).hasValue(1);
    assertThat(gate.room(50)).as("refused a moment ago, nobody waiting").isEqualTo(2);
    assertThat(gate.room(1)).isEqualTo(1);
  }

  @Test
  void an_item_leaving_wakes_the_claimer_only_after_a_claim_was_given_less_room_than_it_wanted() {
    java.util.concurrent.atomic.AtomicInteger wakes =
        new java.util.concurrent.atomic.AtomicInteger();
    PermitGate gate =
        new PermitGate(
            new Generous(Duration.ZERO),
            0,
            () -> true,
            DispatchObserver.NONE,
            wakes::incrementAndGet);

    assertThat(gate.room(1)).as("all it wanted").isEqualTo(1);
    assertThat(gate.await()).isTrue();
    assertThat(wakes).as("nothing was held back").hasValue(0);

    assertThat(gate.room(50)).as("held back to what may wait").isLessThan(50);
    assertThat(gate.await()).isTrue();
    assertThat(wakes).as("room for the claim that was held back").hasValue(1);

    assertThat(gate.await()).isTrue();
    assertThat(wakes).as("one wake per claim held back").hasValue(1);
  }

  @Test
  void before_any_refusal_the_room_doubles_with_each_ask_granted_in_full() throws Exception {
    // its first answer takes a while, so that a crowd queues
    Generous generous = new Generous(Duration.ofMillis(200));
    List<Integer> asks = generous.asks;
    PermitGate gate = new PermitGate(generous, 0, () -> true, DispatchObserver.NONE, () -> {});
    assertThat(gate.room(500)).as("nothing known yet: two").isEqualTo(2);

    List<Thread> crowd = new ArrayList<>();
    crowd.add(Thread.ofVirtual().start(gate::await));
    sleep(Duration.ofMillis(50));
    for (int i = 0; i < 9; i++) {
      crowd.add(Thread.ofVirtual().start(gate::await));
    }
    for (Thread worker : crowd) {
      worker.join(Duration.ofSeconds(5));
    }

    // each ask granted in full doubled the room, from two
    assertThat(asks).first().isEqualTo(1);
    assertThat(asks).hasSizeGreaterThan(1);
    assertThat(gate.room(500)).isEqualTo(2 << asks.size());
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
