package dev.spool.domain.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.UserId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FairShareTest {
  private final UserId alice = new UserId(UUID.randomUUID());
  private final UserId bob = new UserId(UUID.randomUUID());
  private final UserId carol = new UserId(UUID.randomUUID());

  /** Owners, their batches with free slots, and every claim planned, taken and charged. */
  private static final class Shares {
    final Map<UserId, OwnerShare> owners = new HashMap<>();
    final Map<BatchId, UserId> batchOwner = new LinkedHashMap<>();
    final Map<BatchId, Double> batchTime = new HashMap<>();
    final Map<BatchId, Integer> slots = new HashMap<>();
    final Map<BatchId, Integer> claimedTotal = new HashMap<>();

    BatchId batch(UserId owner, int freeSlots) {
      BatchId id = new BatchId(UUID.randomUUID());
      batchOwner.put(id, owner);
      batchTime.put(id, 0.0);
      slots.put(id, freeSlots);
      return id;
    }

    void weigh(UserId owner, double weight) {
      owners.put(owner, new OwnerShare(owner, weight, ShareClock.ZERO));
    }

    double systemTime() {
      return owners.values().stream().mapToDouble(o -> o.clock().lastStart()).max().orElse(0);
    }

    List<Claimable> candidates() {
      List<Claimable> list = new ArrayList<>();
      batchOwner.forEach((b, o) -> list.add(new Claimable(b, o, batchTime.get(b), slots.get(b))));
      return list;
    }

    /** One claim of up to {@code max} items: every grant is taken in full, then charged. */
    Map<BatchId, Integer> claim(int max) {
      List<Claimable> candidates = candidates();
      double now = systemTime();
      Map<BatchId, Integer> claimed = new LinkedHashMap<>();
      for (FairShare.Grant grant : FairShare.plan(owners, now, candidates, max)) {
        claimed.put(grant.batch(), grant.items());
      }
      apply(FairShare.charge(owners, now, candidates, claimed));
      claimed.forEach((b, n) -> {
        claimedTotal.merge(b, n, Integer::sum);
        slots.merge(b, -n, Integer::sum);
      });
      return claimed;
    }

    void apply(List<FairShare.Charge> charges) {
      for (FairShare.Charge charge : charges) {
        OwnerShare old = owners.getOrDefault(charge.owner(), OwnerShare.newcomer(charge.owner()));
        owners.put(charge.owner(), new OwnerShare(charge.owner(), old.weight(), charge.clock()));
        batchTime.putAll(charge.batchTimes());
      }
    }

    /** Items finish: their slots are free again. */
    void finish(BatchId batch, int items) {
      slots.merge(batch, items, Integer::sum);
    }

    int claimedBy(UserId owner) {
      return claimedTotal.entrySet().stream()
          .filter(e -> batchOwner.get(e.getKey()).equals(owner))
          .mapToInt(Map.Entry::getValue)
          .sum();
    }

    /** {@code rounds} claims of one item each, every item finishing at once (a slow limit). */
    void runOneAtATime(int rounds) {
      for (int i = 0; i < rounds; i++) {
        claim(1).forEach(this::finish);
      }
    }
  }

  @Test
  void an_owner_alone_gets_every_item_its_batches_can_take() {
    Shares shares = new Shares();
    BatchId only = shares.batch(alice, 50);

    assertThat(shares.claim(80)).containsExactly(Map.entry(only, 50));
  }

  @Test
  void owners_of_equal_weight_share_a_contended_limit_equally() {
    Shares shares = new Shares();
    shares.batch(alice, 1_000);
    shares.batch(bob, 1_000);
    shares.batch(carol, 1_000);

    shares.runOneAtATime(300);

    assertThat(shares.claimedBy(alice)).isEqualTo(100);
    assertThat(shares.claimedBy(bob)).isEqualTo(100);
    assertThat(shares.claimedBy(carol)).isEqualTo(100);
  }

  @Test
  void weights_split_a_contended_limit_in_proportion() {
    Shares shares = new Shares();
    shares.weigh(alice, 1);
    shares.weigh(bob, 3);
    shares.batch(alice, 1_000);
    shares.batch(bob, 1_000);

    shares.runOneAtATime(400);

    assertThat(shares.claimedBy(alice)).isEqualTo(100);
    assertThat(shares.claimedBy(bob)).isEqualTo(300);
  }

  @Test
  void one_big_claim_is_split_by_weight_too() {
    Shares shares = new Shares();
    shares.weigh(bob, 2);
    BatchId a = shares.batch(alice, 1_000);
    BatchId b = shares.batch(bob, 1_000);

    assertThat(shares.claim(90)).containsOnly(Map.entry(a, 30), Map.entry(b, 60));
  }

  @Test
  void an_owner_s_share_is_split_equally_across_its_running_batches() {
    Shares shares = new Shares();
    BatchId first = shares.batch(alice, 1_000);
    BatchId second = shares.batch(alice, 1_000);
    shares.batch(bob, 1_000);

    shares.runOneAtATime(200);

    assertThat(shares.claimedBy(bob)).isEqualTo(100);
    assertThat(shares.claimedTotal).containsEntry(first, 50).containsEntry(second, 50);
  }

  @Test
  void a_batch_never_takes_more_than_its_free_slots_and_the_rest_goes_to_others() {
    Shares shares = new Shares();
    BatchId small = shares.batch(alice, 3);
    BatchId big = shares.batch(bob, 1_000);

    assertThat(shares.claim(20)).containsOnly(Map.entry(small, 3), Map.entry(big, 17));
  }

  @Test
  void an_owner_who_comes_back_after_a_pause_banks_no_credit_for_the_time_away() {
    Shares shares = new Shares();
    shares.batch(alice, 10_000);
    shares.runOneAtATime(500);
    shares.batch(bob, 10_000);

    shares.runOneAtATime(100);

    assertThat(shares.claimedBy(bob)).isEqualTo(50);
    assertThat(shares.claimedBy(alice)).isEqualTo(550);
  }

  @Test
  void a_new_batch_of_an_owner_does_not_starve_that_owner_s_older_batch() {
    Shares shares = new Shares();
    BatchId older = shares.batch(alice, 10_000);
    shares.runOneAtATime(300);
    BatchId newer = shares.batch(alice, 10_000);

    shares.runOneAtATime(100);

    assertThat(shares.claimedTotal.get(older)).isEqualTo(350);
    assertThat(shares.claimedTotal.get(newer)).isEqualTo(50);
  }

  @Test
  void a_claim_that_took_less_than_planned_is_charged_only_what_it_took() {
    Map<UserId, OwnerShare> owners = Map.of(alice, new OwnerShare(alice, 2, ShareClock.ZERO));
    BatchId batch = new BatchId(UUID.randomUUID());
    List<Claimable> candidates = List.of(new Claimable(batch, alice, 0, 10));

    List<FairShare.Charge> charges = FairShare.charge(owners, 0, candidates, Map.of(batch, 4));

    assertThat(charges)
        .singleElement()
        .satisfies(c -> {
          assertThat(c.clock().virtualTime()).isEqualTo(2.0);
          assertThat(c.clock().lastStart()).isEqualTo(1.5);
          assertThat(c.batchTimes()).containsEntry(batch, 4.0);
        });
    assertThat(FairShare.charge(owners, 0, candidates, Map.of())).isEmpty();
  }

  @Test
  void a_weight_must_be_positive_and_bounded() {
    assertThatThrownBy(() -> new OwnerShare(alice, 0, ShareClock.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OwnerShare(alice, Double.NaN, ShareClock.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OwnerShare(alice, 1_001, ShareClock.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void an_owner_at_the_end_of_its_allowance_drops_out_and_the_others_take_what_it_leaves() {
    BatchId a = new BatchId(UUID.randomUUID());
    BatchId b = new BatchId(UUID.randomUUID());
    List<FairShare.Grant> grants =
        FairShare.plan(
            Map.of(),
            0,
            List.of(new Claimable(a, alice, 0, 50), new Claimable(b, bob, 0, 50)),
            20,
            Map.of(alice, new Allowance(3, dev.spool.domain.money.Money.MAX)));
    assertThat(grants)
        .containsExactlyInAnyOrder(new FairShare.Grant(a, 3), new FairShare.Grant(b, 17));
  }

  @Test
  void an_owner_claims_only_as_many_items_as_its_money_allowance_reserves() {
    var cent = dev.spool.domain.money.Money.usd("0.01");
    BatchId cheap = new BatchId(UUID.randomUUID());
    BatchId dear = new BatchId(UUID.randomUUID());
    List<FairShare.Grant> grants =
        FairShare.plan(
            Map.of(),
            0,
            List.of(
                new Claimable(dear, alice, 0, 50, cent.times(3)),
                new Claimable(cheap, alice, 0, 50, cent)),
            20,
            Map.of(alice, new Allowance(100, cent.times(8))));
    int dearItems =
        grants.stream().filter(g -> g.batch().equals(dear)).mapToInt(FairShare.Grant::items).sum();
    int cheapItems =
        grants.stream().filter(g -> g.batch().equals(cheap)).mapToInt(FairShare.Grant::items).sum();
    assertThat(dearItems * 3 + cheapItems).isLessThanOrEqualTo(8);
    assertThat(dearItems).isPositive();
    assertThat(cheapItems).isPositive();
    // nothing more fits: the cheapest next item would exceed the allowance
    assertThat(dearItems * 3 + cheapItems).isGreaterThan(7);
  }
}
