package dev.spool.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.contract.StoreFixtures;
import dev.spool.application.model.ResultRow;
import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.ItemOutcome;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.ItemError;
import dev.spool.domain.batch.ItemStatus;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A batch's results read back a page at a time from PostgreSQL, with their questions. */
class ResultsIT {
  private PostgresStoreFixture fixture;

  @BeforeEach
  void open() {
    fixture = new PostgresStoreFixture();
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void results_are_the_completed_items_with_their_questions_and_failed_ones_on_request() {
    Batch batch = TestBatches.running(fixture.store, new UserId(UUID.randomUUID()), 10, 10);
    List<ClaimedItem> claimed =
        fixture.store.queue().claim("node", 6, Duration.ofMinutes(5), Money.ZERO);
    assertThat(claimed).hasSize(6);
    Instant now = Instant.now();
    List<ItemOutcome> outcomes = new ArrayList<>();
    for (ClaimedItem c : claimed.subList(0, 4)) {
      outcomes.add(
          ItemOutcome.completed(c.item(), StoreFixtures.questionId(), StoreFixtures.question(), now)
              .costing(new Money(1_500)));
    }
    outcomes.add(
        ItemOutcome.of(claimed.get(4).item().fail(new ItemError("NO", "it said no"), now)));
    outcomes.add(ItemOutcome.of(claimed.get(5).item().release(now)));
    fixture.store.queue().record(outcomes);

    List<ResultRow> completed = fixture.store.items().results(batch.id(), false, -1, 100);
    List<ResultRow> all = fixture.store.items().results(batch.id(), true, -1, 100);

    assertThat(completed).hasSize(4);
    assertThat(completed)
        .allSatisfy(r -> {
          assertThat(r.item().status()).isEqualTo(ItemStatus.COMPLETED);
          assertThat(r.question()).isPresent();
          assertThat(r.question().get().question().stem())
              .isEqualTo(StoreFixtures.question().stem());
          assertThat(r.cost()).isEqualTo(new Money(1_500));
          assertThat(r.startedAt()).isPresent();
          assertThat(r.completedAt()).isPresent();
        });
    assertThat(all).hasSize(5);
    assertThat(all)
        .filteredOn(r -> r.item().status() == ItemStatus.FAILED)
        .singleElement()
        .satisfies(r -> {
          assertThat(r.question()).isEmpty();
          assertThat(r.item().lastError().orElseThrow().message()).isEqualTo("it said no");
        });
    // pages by index: the second page starts after the first's last index
    List<ResultRow> first = fixture.store.items().results(batch.id(), true, -1, 2);
    List<ResultRow> rest =
        fixture.store.items().results(batch.id(), true, first.getLast().item().position(), 100);
    assertThat(first).hasSize(2);
    assertThat(rest).hasSize(3);
  }
}
