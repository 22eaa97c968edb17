package dev.spool.application.dispatch;

import static dev.spool.application.fake.SpoolTestKit.OWNER;
import static dev.spool.application.fake.SpoolTestKit.STRANGER;
import static dev.spool.application.fake.SpoolTestKit.questions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.application.Spool;
import dev.spool.application.contract.StoreFixtures;
import dev.spool.application.fake.SpoolTestKit;
import dev.spool.application.model.Pricing;
import dev.spool.application.model.StoredEvent;
import dev.spool.application.port.in.CreateBatch;
import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.ItemOutcome;
import dev.spool.application.port.out.RecordResult;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.NotBatchOwner;
import dev.spool.domain.batch.PauseReason;
import dev.spool.domain.event.BatchStatusChanged;
import dev.spool.domain.money.BudgetExhausted;
import dev.spool.domain.money.Money;
import dev.spool.domain.money.Price;
import dev.spool.domain.money.PriceTable;
import dev.spool.domain.question.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Budgets through the dispatcher: each call reserves its expected cost before it starts and settles
 * its real cost after; a batch whose next call its budget cannot afford pauses with reason {@code
 * budget_exhausted}, and raising the budget or resuming with a new one continues it.
 */
class BudgetDispatchTest {
  /** The scripted generator's 100 prompt and 50 completion tokens cost $0.0002 at this price. */
  private static final Pricing PRICING =
      new Pricing(
          PriceTable.of(
              Map.of(
                  new PriceTable.Model("scripted", "test-model"),
                  new Price(Money.usd("1"), Money.usd("0.5"), Money.usd("2")))),
          Optional.of(new PriceTable.Model("scripted", "test-model")),
          new TokenUsage(100, 50));

  private static final Money PER_CALL = Money.usd("0.0002");

  private final SpoolTestKit kit = new SpoolTestKit().pricing(PRICING);

  @AfterEach
  void close() {
    kit.close();
  }

  private static CreateBatch.Command budgeted(int items, Money budget) {
    CreateBatch.Command plain = questions(OWNER, items, 3, 2);
    return new CreateBatch.Command(
        plain.actor(),
        plain.courseId(),
        plain.name(),
        plain.config(),
        plain.idempotencyKey(),
        Optional.of(budget));
  }

  private Batch awaitOutOfBudget(Batch batch) {
    return kit.awaitBatch(batch.id(), b -> b.isOutOfBudget() && b.counts().inFlight() == 0);
  }

  @Test
  void a_batch_pauses_for_its_budget_once_its_next_call_could_exceed_it_and_spends_no_more() {
    Spool node = kit.started("n1");
    Batch batch = node.useCases().createBatch().create(budgeted(30, PER_CALL.times(10))).batch();

    Batch paused = awaitOutOfBudget(batch);

    assertThat(paused.status()).isEqualTo(BatchStatus.PAUSED);
    assertThat(paused.pauseReason()).contains(PauseReason.BUDGET_EXHAUSTED);
    assertThat(paused.counts().completed()).isEqualTo(10);
    assertThat(paused.spend().spent()).isEqualTo(PER_CALL.times(10));
    assertThat(paused.spend().reserved()).isEqualTo(Money.ZERO);
    assertThat(kit.generator().totalCalls()).isEqualTo(10);
    List<StoredEvent> pauses = kit.events(batch.id(), BatchStatusChanged.class);
    assertThat(pauses)
        .extracting(e -> (BatchStatusChanged) e.event())
        .filteredOn(e -> e.change() == BatchStatusChanged.Change.PAUSED)
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).contains(PauseReason.BUDGET_EXHAUSTED));
  }

  @Test
  void raising_the_budget_continues_a_batch_paused_for_it() {
    Spool node = kit.started("n1");
    Batch batch = node.useCases().createBatch().create(budgeted(30, PER_CALL.times(10))).batch();
    awaitOutOfBudget(batch);

    Batch raised =
        node.useCases().changeBudget().change(OWNER, batch.id(), Optional.of(PER_CALL.times(20)));
    assertThat(raised.status()).isEqualTo(BatchStatus.RUNNING);

    Batch pausedAgain = kit.awaitBatch(batch.id(), b -> b.counts().completed() == 20);
    assertThat(awaitOutOfBudget(pausedAgain).spend().spent()).isEqualTo(PER_CALL.times(20));

    node.useCases().changeBudget().change(OWNER, batch.id(), Optional.empty());
    assertThat(kit.awaitFinished(batch.id()).status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(kit.batch(batch.id()).spend().spent()).isEqualTo(PER_CALL.times(30));
  }

  @Test
  void a_budget_too_small_for_the_next_call_keeps_the_batch_paused_and_says_so() {
    Spool node = kit.started("n1");
    Batch batch = node.useCases().createBatch().create(budgeted(30, PER_CALL.times(10))).batch();
    awaitOutOfBudget(batch);

    Batch same =
        node.useCases().changeBudget().change(OWNER, batch.id(), Optional.of(PER_CALL.times(10)));
    assertThat(same.status()).isEqualTo(BatchStatus.PAUSED);
    assertThatThrownBy(() -> node.useCases().resumeBatch().resume(OWNER, batch.id()))
        .isInstanceOf(BudgetExhausted.class)
        .hasMessageContaining("raise the budget");
    assertThatThrownBy(() ->
            node.useCases()
                .changeBudget()
                .change(STRANGER, batch.id(), Optional.of(PER_CALL.times(99))))
        .isInstanceOf(NotBatchOwner.class);
    assertThat(kit.batch(batch.id()).spend().budget()).contains(PER_CALL.times(10));
  }

  @Test
  void resuming_with_a_new_budget_continues_the_batch() {
    Spool node = kit.started("n1");
    Batch batch = node.useCases().createBatch().create(budgeted(30, PER_CALL.times(10))).batch();
    awaitOutOfBudget(batch);

    Batch resumed =
        node.useCases().resumeBatch().resume(OWNER, batch.id(), Optional.of(PER_CALL.times(30)));

    assertThat(resumed.status()).isEqualTo(BatchStatus.RUNNING);
    Batch done = kit.awaitFinished(batch.id());
    assertThat(done.status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(done.spend().spent()).isEqualTo(PER_CALL.times(30));
    assertThat(done.spend().projected(done.counts().completed(), done.counts().total()))
        .contains(PER_CALL.times(30));
  }

  @Test
  void a_call_cut_off_by_a_crash_is_charged_its_reservation_once_and_its_retry_is_charged_again() {
    Batch batch =
        kit.node("n0").useCases().createBatch().create(budgeted(4, PER_CALL.times(100))).batch();
    List<ClaimedItem> held =
        kit.fakes()
            .database()
            .inTransaction(() ->
                kit.fakes()
                    .queue()
                    .claim("crashed", 4, Duration.ofSeconds(2), PRICING.firstEstimate()));
    assertThat(held).allSatisfy(c -> assertThat(c.reserved()).isEqualTo(PER_CALL));
    assertThat(held).hasSize(3); // the batch's concurrency
    assertThat(kit.batch(batch.id()).spend().reserved()).isEqualTo(PER_CALL.times(3));

    kit.started("survivor");
    kit.fakes().clock().advance(Duration.ofSeconds(3));
    Batch done = kit.awaitFinished(batch.id());

    // three cut-off calls, charged at what they reserved, and four calls that completed
    assertThat(done.spend().spent()).isEqualTo(PER_CALL.times(7));
    assertThat(done.spend().reserved()).isEqualTo(Money.ZERO);
    // a late outcome of the dead node is refused by its lease and charges nothing
    ItemOutcome late =
        ItemOutcome.completed(
                held.getFirst().item(),
                StoreFixtures.questionId(),
                StoreFixtures.question(),
                Instant.now())
            .costing(PER_CALL);
    assertThat(kit.fakes().queue().record(List.of(late))).containsExactly(RecordResult.LEASE_LOST);
    assertThat(kit.batch(batch.id()).spend().spent()).isEqualTo(PER_CALL.times(7));
  }

  @Test
  void resuming_is_refused_while_the_owners_month_cannot_afford_the_next_call() {
    Spool node = kit.started("n1");
    Batch batch = node.useCases().createBatch().create(budgeted(30, PER_CALL.times(10))).batch();
    awaitOutOfBudget(batch);
    // a node whose owners have a monthly budget, all of it spent
    var owners =
        new dev.spool.application.port.out.OwnerAccounts() {
          @Override
          public void configure(
              Map<dev.spool.domain.batch.UserId, dev.spool.domain.fairness.OwnerPolicy> p) {}

          @Override
          public dev.spool.application.model.OwnerAccount account(
              dev.spool.domain.batch.UserId owner) {
            return new dev.spool.application.model.OwnerAccount(
                owner,
                new dev.spool.domain.fairness.OwnerPolicy(
                    1,
                    java.util.OptionalInt.empty(),
                    java.util.OptionalDouble.empty(),
                    Optional.of(Money.usd("1"))),
                java.time.YearMonth.of(2026, 12),
                Money.usd("1"),
                Money.ZERO,
                0);
          }
        };
    var base =
        kit.fakes().ports(kit.generator(), dev.spool.application.port.out.RateLimiter.unlimited());
    var ports =
        new dev.spool.application.port.out.SpoolPorts(
            base.batches(),
            base.items(),
            base.queue(),
            base.events(),
            base.transactions(),
            base.generator(),
            base.rateLimiter(),
            base.clock(),
            owners);
    try (Spool strict = Spool.builder(ports).pricing(PRICING).build()) {
      assertThatThrownBy(() ->
              strict
                  .useCases()
                  .resumeBatch()
                  .resume(OWNER, batch.id(), Optional.of(PER_CALL.times(100))))
          .isInstanceOf(BudgetExhausted.class)
          .hasMessageContaining("this month");
    }
    assertThat(kit.batch(batch.id()).status()).isEqualTo(BatchStatus.PAUSED);
  }
}
