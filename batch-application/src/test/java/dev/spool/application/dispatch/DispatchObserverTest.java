package dev.spool.application.dispatch;

import static dev.spool.application.fake.SpoolTestKit.OWNER;
import static dev.spool.application.fake.SpoolTestKit.questions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.Spool;
import dev.spool.application.fake.SpoolTestKit;
import dev.spool.application.port.out.DispatchObserver;
import dev.spool.application.ratelimit.LocalRateLimiter;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.dispatch.BatchItemError;
import dev.spool.domain.event.BatchEvent;
import dev.spool.domain.event.ItemCompleted;
import dev.spool.domain.event.ItemFailed;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DispatchObserverTest {
  private final Counting counting = new Counting();
  private final SpoolTestKit kit = new SpoolTestKit().observer(counting);

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void the_observer_sees_every_attempt_completion_retry_and_final_failure() {
    kit.generator()
        .failWith(r ->
            r.itemId().hashCode() % 3 == 0
                ? BatchItemError.retryable("TIMEOUT", "provider timed out")
                : null);
    Spool spool = kit.started("n1");

    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 30, 4, 1)).batch();
    Batch done = kit.awaitFinished(batch.id());

    int failed = done.counts().failed();
    assertThat(failed).isPositive();
    assertThat(counting.count("completed")).isEqualTo(done.counts().completed());
    assertThat(counting.count("failed")).isEqualTo(failed);
    assertThat(counting.count("retried")).isEqualTo(failed);
    assertThat(counting.count("started")).isEqualTo(kit.generator().totalCalls());
    assertThat(counting.count("SUCCEEDED")).isEqualTo(done.counts().completed());
    assertThat(counting.count("FAILED")).isEqualTo(2 * failed);
    assertThat(counting.tokens.get()).isEqualTo(done.tokens().total()).isPositive();
  }

  @Test
  void waits_for_the_shared_rate_limit_are_reported() {
    SpoolTestKit limited =
        new SpoolTestKit()
            .observer(counting)
            .rateLimiter(LocalRateLimiter.perSecond(2, Optional.empty(), Clock.systemUTC()));
    try (limited) {
      Spool spool = limited.started("n1");
      Batch batch = spool.useCases().createBatch().create(questions(OWNER, 6, 6, 0)).batch();
      limited.awaitFinished(batch.id());
    }

    assertThat(counting.count("waited")).isGreaterThanOrEqualTo(3);
  }

  /** Counts what it is told, by name. */
  private static final class Counting implements DispatchObserver {
    private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong tokens =
        new java.util.concurrent.atomic.AtomicLong();

    @Override
    public void tokensUsed(dev.spool.domain.question.TokenUsage usage) {
      tokens.addAndGet(usage.total());
    }

    int count(String name) {
      return counts.getOrDefault(name, new AtomicInteger()).get();
    }

    private void add(String name) {
      counts.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void attemptStarted() {
      add("started");
    }

    @Override
    public void attemptFinished(AttemptResult result, Duration generationTime) {
      add(result.name());
    }

    @Override
    public void rateLimitWaited(Duration wait) {
      add("waited");
    }

    @Override
    public void committed(List<BatchEvent> events) {
      for (BatchEvent event : events) {
        switch (event) {
          case ItemCompleted c -> add("completed");
          case ItemFailed f -> add(f.willRetry() ? "retried" : "failed");
          default -> {}
        }
      }
    }
  }
}
