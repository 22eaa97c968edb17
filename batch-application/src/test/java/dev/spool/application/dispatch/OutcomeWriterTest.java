package dev.spool.application.dispatch;

import static dev.spool.application.fake.SpoolTestKit.OWNER;
import static dev.spool.application.fake.SpoolTestKit.questions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.fake.ScriptedGenerator;
import dev.spool.application.fake.SpoolTestKit;
import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.GenerationRequest;
import dev.spool.application.port.out.SpoolPorts;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.dispatch.Backoff;
import dev.spool.domain.event.BatchCompleted;
import dev.spool.domain.event.BatchEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Guarantee 6 at its source: settling a batch, however outcomes arrive. */
class OutcomeWriterTest {
  /** A write that claims nothing in its transaction. */
  private static final Refill NO_REFILL =
      new Refill() {
        @Override
        public void claim(int written, List<BatchEvent> started) {}

        @Override
        public void committed() {}

        @Override
        public void rolledBack() {}
      };

  private final SpoolTestKit kit = new SpoolTestKit();
  private final SpoolPorts ports = kit.fakes().ports(new ScriptedGenerator());
  private final BatchSettler settler =
      new BatchSettler(ports.batches(), ports.items(), ports.events());

  @AfterEach
  void close() {
    kit.close();
  }

  private OutcomeWriter writer() {
    return new OutcomeWriter(
        ports,
        settler,
        Backoff.DEFAULT,
        new SplittableRandom(1),
        UUID::randomUUID,
        dev.spool.application.port.out.DispatchObserver.NONE,
        dev.spool.application.model.Pricing.NONE);
  }

  private List<ClaimedItem> claimAll(int n) {
    return ports
        .transactions()
        .inTransaction(() -> ports.queue().claim("n1", n, Duration.ofMinutes(5)));
  }

  private static Finished succeeded(ClaimedItem claimed) {
    GenerationRequest request =
        new GenerationRequest(
            claimed.item().batchId(),
            claimed.item().id(),
            claimed.owner(),
            claimed.course(),
            claimed.item().spec(),
            1,
            0);
    return new Finished(
        claimed,
        new Attempt.Succeeded(ScriptedGenerator.question(request)),
        Instant.now(),
        () -> {});
  }

  @Test
  void a_write_of_more_outcomes_than_one_claim_takes_refills_every_slot_it_frees() {
    Batch batch =
        kit.node("n0").useCases().createBatch().create(questions(OWNER, 30, 10, 2)).batch();
    List<ClaimedItem> claimed = claimAll(10);
    InFlight inFlight = new InFlight(100);
    claimed.forEach(c -> inFlight.tryTakeSlots(1));
    PermitGate permits =
        new PermitGate(
            ports.rateLimiter(),
            0,
            () -> true,
            dev.spool.application.port.out.DispatchObserver.NONE,
            () -> {});
    // a gate whose asks were granted in full lets a claim take more: 2, doubled three times
    for (int i = 0; i < 3; i++) {
      permits.await();
    }
    assertThat(permits.room(10)).isEqualTo(10);
    DispatcherSettings settings = SpoolTestKit.fastSettings("n1");
    int oneClaim = 4;
    Refiller refill =
        new Refiller(
            oneClaim,
            new Claimer(settings, ports.queue(), dev.spool.application.model.Pricing.NONE),
            inFlight,
            null, // not launched: the test stops at the write
            permits,
            () -> true);

    writer().write(claimed.stream().map(OutcomeWriterTest::succeeded).toList(), refill);

    Batch after = kit.batch(batch.id());
    assertThat(after.counts().completed()).isEqualTo(10);
    assertThat(after.counts().inFlight())
        .as("all ten slots refilled, not one claim's four")
        .isEqualTo(10);
  }

  @Test
  void late_and_duplicate_outcomes_after_the_finish_never_complete_a_batch_twice() {
    Batch batch = kit.node("n0").useCases().createBatch().create(questions(OWNER, 3, 3, 2)).batch();
    List<ClaimedItem> claimed = claimAll(3);
    OutcomeWriter writer = writer();

    writer.write(claimed.stream().map(OutcomeWriterTest::succeeded).toList(), NO_REFILL);
    writer.write(List.of(succeeded(claimed.get(0))), NO_REFILL);
    writer.write(
        List.of(
            new Finished(
                claimed.get(1), new Attempt.Interrupted("lease expired"), Instant.now(), () -> {})),
        NO_REFILL);

    assertThat(kit.batch(batch.id()).status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(kit.batch(batch.id()).counts().completed()).isEqualTo(3);
    assertThat(kit.events(batch.id(), BatchCompleted.class)).hasSize(1);
  }

  @Test
  void two_writers_settling_the_last_items_of_a_batch_at_once_finish_it_once() throws Exception {
    for (int round = 0; round < 100; round++) {
      Batch batch =
          kit.node("n" + round).useCases().createBatch().create(questions(OWNER, 2, 2, 2)).batch();
      List<ClaimedItem> claimed = claimAll(2);
      CyclicBarrier together = new CyclicBarrier(2);
      List<Thread> writers =
          claimed.stream()
              .map(c ->
                  Thread.ofPlatform()
                      .start(() -> {
                        try {
                          together.await();
                          writer().write(List.of(succeeded(c)), NO_REFILL);
                        } catch (Exception e) {
                          throw new IllegalStateException(e);
                        }
                      }))
              .toList();
      for (Thread w : writers) {
        w.join();
      }

      assertThat(kit.events(batch.id(), BatchCompleted.class)).hasSize(1);
    }
  }
}
