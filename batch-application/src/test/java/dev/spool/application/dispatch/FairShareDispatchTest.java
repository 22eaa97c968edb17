package dev.spool.application.dispatch;

import static dev.spool.application.fake.SpoolTestKit.faculty;
import static dev.spool.application.fake.SpoolTestKit.questions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.Spool;
import dev.spool.application.fake.SpoolTestKit;
import dev.spool.application.model.StoredEvent;
import dev.spool.application.port.in.Actor;
import dev.spool.application.ratelimit.LocalRateLimiter;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.event.ItemStarted;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Owners share a contended rate limit by weight, through the dispatcher: a batch started later by
 * another owner is served at its share at once, not after the big batch ahead of it.
 */
class FairShareDispatchTest {
  private final SpoolTestKit kit =
      new SpoolTestKit()
          .rateLimiter(LocalRateLimiter.perSecond(50, Optional.empty(), Clock.systemUTC()));

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void a_later_owner_of_weight_three_gets_three_quarters_of_the_limit_while_its_batch_runs() {
    Actor big = faculty();
    Actor small = faculty();
    kit.fakes().queue().weigh(small.id(), 3);
    Spool n1 = kit.started("n1");
    kit.started("n2");
    Batch bigBatch = n1.useCases().createBatch().create(questions(big, 2_000, 50, 2)).batch();
    kit.awaitBatch(bigBatch.id(), b -> b.counts().completed() >= 30);

    Batch smallBatch = n1.useCases().createBatch().create(questions(small, 60, 50, 2)).batch();
    assertThat(kit.awaitFinished(smallBatch.id()).status()).isEqualTo(BatchStatus.COMPLETED);

    List<StoredEvent> smallStarts = kit.events(smallBatch.id(), ItemStarted.class);
    long from = smallStarts.getFirst().sequence();
    long to = smallStarts.getLast().sequence();
    long bigStartsMeanwhile =
        kit.events(bigBatch.id(), ItemStarted.class).stream()
            .filter(e -> e.sequence() > from && e.sequence() < to)
            .count();
    // 60 items at 3/4 of the limit leave the big batch about 20 starts; without fair share it
    // would have taken nearly all of them, and the small batch would have waited behind 2,000
    assertThat(bigStartsMeanwhile).isBetween(10L, 32L);
    assertThat(kit.batch(bigBatch.id()).status()).isEqualTo(BatchStatus.RUNNING);
  }
}
