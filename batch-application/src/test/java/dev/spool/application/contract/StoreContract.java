package dev.spool.application.contract;

import static dev.spool.application.contract.StoreFixtures.now;
import static dev.spool.application.contract.StoreFixtures.question;
import static dev.spool.application.contract.StoreFixtures.questionId;
import static dev.spool.application.contract.StoreFixtures.running;
import static dev.spool.application.contract.StoreFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.application.contract.StoreFixtures.Planned;
import dev.spool.application.model.InvalidPageRequest;
import dev.spool.application.model.Page;
import dev.spool.application.model.PageRequest;
import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.CreateResult;
import dev.spool.application.port.out.ItemOutcome;
import dev.spool.application.port.out.RecordResult;
import dev.spool.domain.batch.AdaptiveConcurrency;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.ItemError;
import dev.spool.domain.batch.ItemStatus;
import dev.spool.domain.batch.Lease;
import dev.spool.domain.config.Difficulty;
import dev.spool.domain.config.ItemSpec;
import dev.spool.domain.config.QuestionType;
import dev.spool.domain.config.ScopeRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every store adapter must do, run against the in-memory fakes and against PostgreSQL so the
 * fakes cannot drift from the real thing. Events and races have contracts of their own.
 */
public abstract class StoreContract extends StoreTestBase {
  private static final ItemError TIMEOUT = new ItemError("TIMEOUT", "provider timed out");

  @Test
  void a_created_batch_is_found_with_every_item_pending_in_order() {
    Planned planned = stored(5, 2);

    Batch found = reload(planned.batch());
    Page<BatchItem> items = store.items().list(found.id(), Optional.empty(), PageRequest.first(10));

    assertThat(found.status()).isEqualTo(BatchStatus.RUNNING);
    assertThat(found.counts().pending()).isEqualTo(5);
    assertThat(found.config()).isEqualTo(planned.batch().config().summary());
    assertThat(found.ownerId()).isEqualTo(owner);
    assertThat(items.items()).extracting(BatchItem::position).containsExactly(0, 1, 2, 3, 4);
    assertThat(items.items())
        .extracting(BatchItem::spec)
        .containsExactlyElementsOf(planned.items().stream().map(BatchItem::spec).toList());
    assertThat(items.items()).allMatch(i -> i.status() == ItemStatus.PENDING);
  }

  @Test
  void pending_items_count_the_waiting_work_of_running_batches_only() {
    long before = store.batches().pendingItems();
    stored(5, 2);
    Planned paused = stored(3, 1);
    store.transactions().run(() -> store.batches().update(reload(paused.batch()).pause(now())));
    assertThat(store.batches().pendingItems()).isEqualTo(before + 5);

    var claimed = store.transactions().inTransaction(() -> store.queue().claim("node-p", 2, LEASE));

    assertThat(claimed).hasSize(2);
    assertThat(store.batches().pendingItems()).isEqualTo(before + 3);
  }

  @Test
  void running_concurrency_sums_the_configured_and_the_effective_limits_of_running_batches() {
    var before = store.batches().runningConcurrency();
    Planned limited = stored(5, 4);
    Planned paused = stored(3, 6);
    store.transactions().run(() -> store.batches().update(reload(paused.batch()).pause(now())));
    store
        .transactions()
        .run(() ->
            store
                .batches()
                .adapt(limited.batch().id(), reload(limited.batch()).concurrency().rateLimited()));

    var after = store.batches().runningConcurrency();

    assertThat(after.configured() - before.configured()).isEqualTo(4);
    assertThat(after.effective() - before.effective()).as("halved by a 429").isEqualTo(2);
  }

  @Test
  void the_same_idempotency_key_from_the_same_owner_returns_the_first_batch() {
    Planned first = running(owner, 3, 1, 2, Optional.of("key-1"), now());
    Planned second = running(owner, 3, 1, 2, Optional.of("key-1"), now());
    Planned otherOwner = running(user(), 3, 1, 2, Optional.of("key-1"), now());

    store.batches().create(first.batch(), first.items());
    CreateResult again = store.batches().create(second.batch(), second.items());
    CreateResult elsewhere = store.batches().create(otherOwner.batch(), otherOwner.items());

    assertThat(again).isInstanceOf(CreateResult.Existing.class);
    assertThat(again.batch().id()).isEqualTo(first.batch().id());
    assertThat(store.batches().find(second.batch().id())).isEmpty();
    assertThat(elsewhere).isInstanceOf(CreateResult.Created.class);
  }

  /**
   * A stored item list reads back as its summary, so the store itself says whether a repeated key
   * came with the same config: the same count and settings with another prompt is another request.
   */
  @Test
  void a_repeated_key_is_the_same_config_only_if_every_listed_item_is_the_same() {
    Planned first = running(owner, 3, 1, 2, Optional.of("key-2"), now());
    Planned same = running(owner, 3, 1, 2, Optional.of("key-2"), now());
    Planned changed = withPrompt(running(owner, 3, 1, 2, Optional.of("key-2"), now()), "other");

    store.batches().create(first.batch(), first.items());
    CreateResult again = store.batches().create(same.batch(), same.items());
    CreateResult different = store.batches().create(changed.batch(), changed.items());

    assertThat(again)
        .isInstanceOfSatisfying(
            CreateResult.Existing.class, e -> assertThat(e.sameConfig()).isTrue());
    assertThat(different)
        .isInstanceOfSatisfying(
            CreateResult.Existing.class, e -> assertThat(e.sameConfig()).isFalse());
    assertThat(different.batch().id()).isEqualTo(first.batch().id());
  }

  private static Planned withPrompt(Planned planned, String prompt) {
    Batch b = planned.batch();
    var specs =
        ((dev.spool.domain.config.ItemListConfig) b.config())
            .items().stream()
                .map(p -> new dev.spool.domain.config.ItemSpec.Prompt(p.name(), prompt))
                .toList();
    var config = new dev.spool.domain.config.ItemListConfig(specs, b.config().execution());
    Batch changed =
        Batch.create(
                b.id(),
                b.ownerId(),
                b.courseId(),
                b.name(),
                config,
                b.idempotencyKey(),
                b.times().createdAt())
            .start(b.times().createdAt());
    return new Planned(changed, planned.items());
  }

  @Test
  void listing_is_the_owners_batches_newest_first_filtered_and_paged() {
    var start = now();
    List<Batch> made = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Planned p = running(owner, 1, 1, 2, Optional.empty(), start.plusSeconds(i));
      store.batches().create(p.batch(), p.items());
      made.add(p.batch());
    }
    Planned foreign = running(user(), 1, 1, 2);
    store.batches().create(foreign.batch(), foreign.items());
    pause(made.get(1));

    Page<Batch> first = store.batches().list(owner, Optional.empty(), PageRequest.first(3));
    Page<Batch> second =
        store.batches().list(owner, Optional.empty(), new PageRequest(3, first.nextCursor()));
    Page<Batch> paused =
        store.batches().list(owner, Optional.of(BatchStatus.PAUSED), PageRequest.first(10));

    assertThat(first.items())
        .extracting(Batch::id)
        .containsExactly(made.get(4).id(), made.get(3).id(), made.get(2).id());
    assertThat(second.items())
        .extracting(Batch::id)
        .containsExactly(made.get(1).id(), made.get(0).id());
    assertThat(second.nextCursor()).isEmpty();
    assertThat(paused.items()).extracting(Batch::id).containsExactly(made.get(1).id());
  }

  @Test
  void a_cursor_the_store_never_issued_is_refused() {
    assertThatThrownBy(() ->
            store
                .batches()
                .list(owner, Optional.empty(), new PageRequest(5, Optional.of("not-a-cursor"))))
        .isInstanceOf(InvalidPageRequest.class);
  }

  @Test
  void a_status_update_is_fenced_by_version() {
    Batch batch = stored(2, 1).batch();

    Batch paused = store.batches().update(batch.pause(now())).orElseThrow();
    Optional<Batch> stale = store.batches().update(batch.cancel(now()));

    assertThat(paused.status()).isEqualTo(BatchStatus.PAUSED);
    assertThat(paused.version()).isGreaterThan(batch.version());
    assertThat(stale).isEmpty();
    assertThat(reload(batch).status()).isEqualTo(BatchStatus.PAUSED);
  }

  @Test
  void a_claim_takes_no_more_than_the_free_concurrency_slots() {
    Batch batch = stored(10, 3).batch();

    List<ClaimedItem> first = claim(10);
    List<ClaimedItem> second = claim(10);

    assertThat(first).hasSize(3);
    assertThat(second).isEmpty();
    assertThat(reload(batch).counts().inFlight()).isEqualTo(3);
    assertThat(first)
        .allSatisfy(c -> {
          assertThat(c.item().status()).isEqualTo(ItemStatus.IN_PROGRESS);
          assertThat(c.item().attempts()).isEqualTo(1);
          assertThat(c.lease().owner()).isEqualTo("node-a");
          assertThat(c.batchTotal()).isEqualTo(10);
          assertThat(c.owner()).isEqualTo(owner);
        });
    assertThat(first).extracting(c -> c.lease().token()).doesNotHaveDuplicates();
  }

  @Test
  void claimed_and_listed_items_carry_their_own_specs_where_many_items_share_a_few() {
    List<ScopeRef> scope =
        List.of(
            new ScopeRef(ScopeRef.Kind.SLO, UUID.randomUUID()),
            new ScopeRef(ScopeRef.Kind.CONCEPT, UUID.randomUUID()));
    List<ItemSpec> shared =
        List.of(
            new ItemSpec.Question(
                QuestionType.SINGLE_BEST_ANSWER, Difficulty.EASY, scope, Optional.empty()),
            new ItemSpec.Question(
                QuestionType.SINGLE_BEST_ANSWER,
                Difficulty.HARD,
                scope.subList(1, 2),
                Optional.of(UUID.randomUUID())),
            new ItemSpec.Prompt("name \"quoted\"", "line one\nline two \\ ü"));
    Planned planned = running(owner, 9, 9, 2);
    List<BatchItem> items = new ArrayList<>();
    for (BatchItem item : planned.items()) {
      ItemSpec spec = shared.get(item.position() % shared.size());
      items.add(
          BatchItem.planned(item.id(), item.batchId(), item.position(), spec, item.updatedAt()));
    }
    store.batches().create(planned.batch(), items);

    List<ClaimedItem> claimed = claim(9);

    assertThat(claimed).hasSize(9);
    assertThat(claimed)
        .allSatisfy(c ->
            assertThat(c.item().spec()).isEqualTo(shared.get(c.item().position() % shared.size())));
    assertThat(
            store
                .items()
                .list(planned.batch().id(), Optional.empty(), PageRequest.first(200))
                .items())
        .hasSize(9)
        .allSatisfy(i -> assertThat(i.spec()).isEqualTo(shared.get(i.position() % shared.size())));
  }

  @Test
  void an_adapted_concurrency_is_kept_and_claims_honour_it() {
    Batch batch = stored(10, 6).batch();
    var halved = AdaptiveConcurrency.of(6).rateLimited();

    store.transactions().run(() -> store.batches().adapt(batch.id(), halved));

    assertThat(reload(batch).concurrency()).isEqualTo(halved);
    assertThat(claim(10)).hasSize(3);
  }

  @Test
  void items_of_paused_or_cancelled_batches_are_never_claimed() {
    Batch paused = stored(3, 3).batch();
    pause(paused);
    Batch cancelled = stored(3, 3).batch();
    store.batches().update(cancelled.cancel(now())).orElseThrow();

    assertThat(claim(10)).isEmpty();
  }

  @Test
  void a_completion_is_applied_once_and_keeps_its_question() {
    Batch batch = stored(2, 2).batch();
    ClaimedItem claimed = claim(1).getFirst();
    var questionId = questionId();
    var outcome = ItemOutcome.completed(claimed.item(), questionId, question(), now());

    assertThat(record(outcome)).isEqualTo(RecordResult.APPLIED);
    assertThat(record(outcome)).isEqualTo(RecordResult.LEASE_LOST);

    Batch after = reload(batch);
    assertThat(after.counts().completed()).isEqualTo(1);
    assertThat(after.counts().inFlight()).isZero();
    assertThat(after.tokens().total()).isEqualTo(200);
    assertThat(store.items().question(questionId))
        .hasValueSatisfying(q -> {
          assertThat(q.batchId()).isEqualTo(batch.id());
          assertThat(q.question()).isEqualTo(question());
        });
    BatchItem item = itemAt(batch, 0);
    assertThat(item.status()).isEqualTo(ItemStatus.COMPLETED);
    assertThat(item.questionId()).contains(questionId);
  }

  @Test
  void an_outcome_under_a_forged_token_changes_nothing() {
    Batch batch = stored(1, 1).batch();
    ClaimedItem claimed = claim(1).getFirst();
    Lease real = claimed.lease();
    Lease forged =
        new Lease(real.itemId(), real.owner(), java.util.UUID.randomUUID(), real.expiresAt());

    assertThat(record(ItemOutcome.of(claimed.item().renew(forged).fail(TIMEOUT, now()))))
        .isEqualTo(RecordResult.LEASE_LOST);
    assertThat(itemAt(batch, 0).status()).isEqualTo(ItemStatus.IN_PROGRESS);
  }

  @Test
  void a_retry_waits_until_its_time_and_a_final_failure_is_counted() {
    Batch batch = stored(2, 2).batch();
    List<ClaimedItem> claimed = claim(2);
    var later = now().plus(Duration.ofHours(1));

    record(ItemOutcome.of(claimed.get(0).item().retryAt(TIMEOUT, later, now())));
    record(ItemOutcome.of(claimed.get(1).item().fail(TIMEOUT, now())));

    assertThat(claim(2)).isEmpty();
    Batch after = reload(batch);
    assertThat(after.counts().failed()).isEqualTo(1);
    assertThat(after.counts().pending()).isEqualTo(1);
    BatchItem waiting = itemAt(batch, claimed.get(0).item().position());
    assertThat(waiting.status()).isEqualTo(ItemStatus.PENDING);
    assertThat(waiting.lastError()).contains(TIMEOUT);
    assertThat(waiting.notBefore()).contains(later);
    BatchItem failed = itemAt(batch, claimed.get(1).item().position());
    assertThat(failed.lastError())
        .contains(new ItemError("batch_item_failed", "provider timed out"));
  }

  @Test
  void a_released_item_is_claimable_again_without_its_attempt_counting() {
    stored(1, 1);
    ClaimedItem first = claim(1).getFirst();

    record(ItemOutcome.of(first.item().release(now())));
    ClaimedItem again = claim(1).getFirst();

    assertThat(again.item().id()).isEqualTo(first.item().id());
    assertThat(again.item().attempts()).isEqualTo(1);
  }

  @Test
  void an_item_cancelled_in_flight_counts_as_cancelled() {
    Batch batch = stored(1, 1).batch();
    record(ItemOutcome.of(claim(1).getFirst().item().cancelInFlight(now())));

    assertThat(reload(batch).counts().cancelled()).isEqualTo(1);
    assertThat(reload(batch).counts().isDrained()).isTrue();
  }

  @Test
  void renewal_extends_only_leases_still_held() {
    stored(2, 2);
    List<ClaimedItem> claimed = claim(2);
    record(ItemOutcome.of(claimed.get(1).item().release(now())));

    List<Lease> renewed =
        store
            .transactions()
            .inTransaction(() ->
                store
                    .queue()
                    .renew(
                        List.of(claimed.get(0).lease(), claimed.get(1).lease()),
                        Duration.ofMinutes(10)));

    assertThat(renewed).extracting(Lease::itemId).containsExactly(claimed.get(0).item().id());
    assertThat(renewed.getFirst().expiresAt()).isAfter(claimed.get(0).lease().expiresAt());
  }

  @Test
  void expired_leases_are_found_and_recovery_fences_out_the_old_holder() {
    stored(1, 1);
    ClaimedItem stale =
        store
            .transactions()
            .inTransaction(() -> store.queue().claim("node-dead", 1, Duration.ofMillis(200)))
            .getFirst();
    assertThat(store.queue().expired(10)).isEmpty();

    passTime(Duration.ofMillis(600));
    List<ClaimedItem> expired = store.queue().expired(10);
    assertThat(expired).extracting(c -> c.item().id()).containsExactly(stale.item().id());

    record(ItemOutcome.of(expired.getFirst().item().retryAt(TIMEOUT, now(), now())));
    ClaimedItem retried = claim(1).getFirst();
    assertThat(retried.item().attempts()).isEqualTo(2);
    var late = ItemOutcome.completed(stale.item(), questionId(), question(), now());
    assertThat(record(late)).isEqualTo(RecordResult.LEASE_LOST);
  }

  @Test
  void a_node_finds_the_leases_it_holds() {
    stored(3, 3);
    store.transactions().inTransaction(() -> store.queue().claim("node-x", 2, LEASE));
    claim(1);

    assertThat(store.queue().heldBy("node-x", 10))
        .hasSize(2)
        .allSatisfy(c -> assertThat(c.lease().owner()).isEqualTo("node-x"));
    assertThat(store.queue().heldBy("node-z", 10)).isEmpty();
  }

  @Test
  void cancelling_pending_items_leaves_completed_and_in_flight_ones_alone() {
    Batch batch = stored(5, 2).batch();
    List<ClaimedItem> claimed = claim(2);
    record(ItemOutcome.completed(claimed.get(0).item(), questionId(), question(), now()));

    int cancelled =
        store
            .transactions()
            .inTransaction(() -> store.items().cancelPending(batch.id(), now(), Integer.MAX_VALUE));

    Batch after = reload(batch);
    assertThat(cancelled).isEqualTo(3);
    assertThat(after.counts()).isEqualTo(new dev.spool.domain.batch.ItemCounts(5, 1, 0, 3, 1));
  }

  @Test
  void a_cancelled_batch_s_pending_items_are_cancelled_in_chunks_and_counted_as_they_go() {
    Batch batch = stored(5, 1).batch();
    store.transactions().run(() -> store.batches().update(reload(batch).cancel(now())));

    assertThat(store.items().cancelledWithPendingItems(10)).contains(batch.id());
    int first =
        store.transactions().inTransaction(() -> store.items().cancelPending(batch.id(), now(), 2));
    assertThat(first).isEqualTo(2);
    assertThat(reload(batch).counts().cancelled()).isEqualTo(2);
    assertThat(reload(batch).counts().pending()).isEqualTo(3);
    assertThat(
            store
                .items()
                .list(batch.id(), Optional.of(ItemStatus.CANCELLED), PageRequest.first(5))
                .items())
        .extracting(BatchItem::position)
        .containsExactly(0, 1);

    int rest =
        store
            .transactions()
            .inTransaction(() -> store.items().cancelPending(batch.id(), now(), 10));
    assertThat(rest).isEqualTo(3);
    assertThat(reload(batch).counts().pending()).isZero();
    assertThat(store.items().cancelledWithPendingItems(10)).doesNotContain(batch.id());
  }

  @Test
  void a_deleted_batch_frees_its_idempotency_key_at_once() {
    Planned first = running(owner, 2, 1, 2, Optional.of("key-del"), now());
    store.batches().create(first.batch(), first.items());
    store.transactions().run(() -> store.batches().update(reload(first.batch()).cancel(now())));
    store.transactions().run(() -> store.batches().delete(first.batch().id()));

    Planned again = running(owner, 2, 1, 2, Optional.of("key-del"), now());
    assertThat(store.batches().create(again.batch(), again.items()))
        .isInstanceOf(CreateResult.Created.class);
    assertThat(store.batches().list(owner, Optional.empty(), PageRequest.first(10)).items())
        .extracting(Batch::id)
        .contains(again.batch().id())
        .doesNotContain(first.batch().id());
  }

  @Test
  void resetting_failed_items_touches_only_the_failed_ones() {
    Batch batch = stored(3, 3).batch();
    List<ClaimedItem> claimed = claim(3);
    record(ItemOutcome.completed(claimed.get(0).item(), questionId(), question(), now()));
    record(ItemOutcome.of(claimed.get(1).item().fail(TIMEOUT, now())));
    record(ItemOutcome.of(claimed.get(2).item().fail(TIMEOUT, now())));

    int reset =
        store.transactions().inTransaction(() -> store.items().resetFailed(batch.id(), now()));

    assertThat(reset).isEqualTo(2);
    assertThat(reload(batch).counts().failed()).isZero();
    assertThat(reload(batch).counts().completed()).isEqualTo(1);
    List<ClaimedItem> again = claim(3);
    assertThat(again)
        .extracting(c -> c.item().id())
        .containsExactlyInAnyOrder(claimed.get(1).item().id(), claimed.get(2).item().id());
    assertThat(again).allMatch(c -> c.item().attempts() == 1);
    assertThat(again).as("a reset starts a new round").allMatch(c -> c.item().round() == 1);
    assertThat(claimed).allMatch(c -> c.item().round() == 0);
  }

  @Test
  void recent_completions_are_newest_first() {
    Batch batch = stored(3, 3).batch();
    List<ClaimedItem> claimed = claim(3);
    var t = now();
    for (int i = 0; i < 3; i++) {
      record(
          ItemOutcome.completed(claimed.get(i).item(), questionId(), question(), t.plusSeconds(i)));
    }

    assertThat(store.items().recentCompletions(batch.id(), 2))
        .containsExactly(t.plusSeconds(2), t.plusSeconds(1));
    Batch quiet = stored(1, 1).batch();
    assertThat(store.items().recentCompletions(List.of(batch.id(), quiet.id()), 2))
        .as("a page's batches in one read")
        .containsOnlyKeys(batch.id(), quiet.id())
        .containsEntry(batch.id(), List.of(t.plusSeconds(2), t.plusSeconds(1)))
        .containsEntry(quiet.id(), List.of());
  }

  @Test
  void items_can_be_listed_by_status_in_pages() {
    Batch batch = stored(5, 5).batch();
    record(ItemOutcome.of(claim(1).getFirst().item().fail(TIMEOUT, now())));

    Page<BatchItem> pending =
        store.items().list(batch.id(), Optional.of(ItemStatus.PENDING), PageRequest.first(3));
    Page<BatchItem> rest =
        store
            .items()
            .list(
                batch.id(),
                Optional.of(ItemStatus.PENDING),
                new PageRequest(3, pending.nextCursor()));
    Page<BatchItem> failed =
        store.items().list(batch.id(), Optional.of(ItemStatus.FAILED), PageRequest.first(3));

    assertThat(pending.items()).extracting(BatchItem::position).containsExactly(1, 2, 3);
    assertThat(rest.items()).extracting(BatchItem::position).containsExactly(4);
    assertThat(failed.items()).extracting(BatchItem::position).containsExactly(0);
  }

  @Test
  void deleting_a_batch_removes_its_items_questions_and_events() {
    Batch batch = stored(2, 2).batch();
    var questionId = questionId();
    record(ItemOutcome.completed(claim(1).getFirst().item(), questionId, question(), now()));
    store.transactions().run(() -> store.events().append(List.of(StoreFixtures.started(batch))));
    assertThat(store.events().readAfter(batch.id(), 0, 10)).isNotEmpty();

    store.transactions().run(() -> store.batches().delete(batch.id()));
    assertThat(store.batches().find(batch.id())).as("gone from reads at once").isEmpty();
    int rounds = 0;
    while (store.batches().purgeDeleted(1) > 0) {
      rounds++; // one row at a time: every chunk is bounded
    }

    assertThat(rounds).isLessThanOrEqualTo(2 + 1 + 1 + 1 + 1);
    assertThat(store.items().question(questionId)).isEmpty();
    assertThat(store.items().list(batch.id(), Optional.empty(), PageRequest.first(5)).items())
        .isEmpty();
    assertThat(store.events().readAfter(batch.id(), 0, 10)).isEmpty();
  }
}
