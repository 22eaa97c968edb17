package dev.spool.application.fake;

import dev.spool.application.model.StoredQuestion;
import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.ItemOutcome;
import dev.spool.application.port.out.RecordResult;
import dev.spool.application.port.out.WorkQueue;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.ItemMove;
import dev.spool.domain.batch.ItemStatus;
import dev.spool.domain.batch.Lease;
import dev.spool.domain.batch.Settlement;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.fairness.Claimable;
import dev.spool.domain.fairness.FairShare;
import dev.spool.domain.fairness.OwnerShare;
import dev.spool.domain.fairness.ShareClock;
import dev.spool.domain.money.BatchSpend;
import dev.spool.domain.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * {@link WorkQueue} over the in-memory database: it applies the domain's moves and settlements as
 * given, as the SQL does. Free slots are counted here as the claim statement counts them.
 */
public final class InMemoryWorkQueue implements WorkQueue {
  private final InMemoryDatabase db;
  private final Outage claims = new Outage();
  private final Outage housekeeping = new Outage();

  /**
   * A part of the store that can be made to fail as it would with the database away, and that
   * counts how often it was called, failed calls included.
   */
  public static final class Outage {
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean down;

    public void down(boolean isDown) {
      this.down = isDown;
    }

    public int calls() {
      return calls.get();
    }

    private void enter() {
      calls.incrementAndGet();
      if (down) {
        throw new IllegalStateException("the database is away");
      }
    }
  }

  public InMemoryWorkQueue(InMemoryDatabase db) {
    this.db = db;
  }

  /** Claims. */
  public Outage claims() {
    return claims;
  }

  /** Lease renewal and expiry recovery. */
  public Outage housekeeping() {
    return housekeeping;
  }

  /**
   * Sets an owner's weight in the fair share, as {@code PostgresStore.weigh} does.
   *
   * @throws IllegalArgumentException for a weight out of range
   */
  public void weigh(UserId owner, double weight) {
    db.inTransaction(() -> {
      var owners = db.state().owners;
      ShareClock clock = owners.getOrDefault(owner, OwnerShare.newcomer(owner)).clock();
      owners.put(owner, new OwnerShare(owner, weight, clock));
      return null;
    });
  }

  /**
   * Claims as the claim statements do: the domain's {@link FairShare} plans which running batches
   * with free slots the items come from, and each owner is charged what it got.
   */
  @Override
  public List<ClaimedItem> claim(
      String node, int max, Duration leaseDuration, Money firstEstimate) {
    claims.enter();
    return db.inTransaction(() -> {
      var state = db.state();
      Instant now = db.clock().instant();
      List<Claimable> candidates = new ArrayList<>();
      for (Batch batch : state.batches.values()) {
        if (batch.status() != BatchStatus.RUNNING) {
          continue;
        }
        int slots = batch.concurrency().effective() - batch.counts().inFlight();
        Money estimate = batch.spend().estimate(firstEstimate);
        long affordable =
            batch.spend().headroom().map(h -> h.fits(estimate)).orElse(Long.MAX_VALUE);
        int items = (int) Math.min(Math.min(slots, batch.counts().pending()), affordable);
        if (slots > 0) {
          candidates.add(
              new Claimable(
                  batch.id(),
                  batch.ownerId(),
                  state.batchTimes.getOrDefault(batch.id(), 0.0),
                  Math.max(0, items),
                  estimate));
        }
      }
      double systemTime =
          state.owners.values().stream().mapToDouble(o -> o.clock().lastStart()).max().orElse(0);
      List<ClaimedItem> claimed = new ArrayList<>();
      Map<BatchId, Integer> perBatch = new HashMap<>();
      var plannedGrants = FairShare.plan(state.owners, systemTime, candidates, max);
      for (FairShare.Grant grant : plannedGrants) {
        Batch batch = state.batches.get(grant.batch());
        Money estimate = batch.spend().estimate(firstEstimate);
        int taken = 0;
        for (BatchItem item : state.itemsOf(batch.id())) {
          if (taken == grant.items()) {
            break;
          }
          if (item.isClaimableAt(now)) {
            Lease lease = new Lease(item.id(), node, UUID.randomUUID(), now.plus(leaseDuration));
            BatchItem running = item.claim(lease, now);
            state.items.put(item.id(), running);
            state.reserved.put(item.id(), estimate);
            claimed.add(claimedItem(batch, running));
            taken++;
          }
        }
        final int count = taken;
        perBatch.put(batch.id(), count);
        Money held = estimate.times(count);
        state.adjust(
            batch.id(),
            b ->
                b.withCounts(b.counts().plus(ItemMove.CLAIM.perItem().times(count)))
                    .withSpend(
                        new BatchSpend(
                            b.spend().budget(),
                            b.spend().spent(),
                            b.spend().reserved().plus(held),
                            b.spend().charged())));
      }
      for (FairShare.Charge charge :
          FairShare.charge(state.owners, systemTime, candidates, perBatch)) {
        double weight =
            state.owners.getOrDefault(charge.owner(), OwnerShare.newcomer(charge.owner())).weight();
        state.owners.put(charge.owner(), new OwnerShare(charge.owner(), weight, charge.clock()));
        state.batchTimes.putAll(charge.batchTimes());
      }
      return claimed;
    });
  }

  @Override
  public List<Lease> renew(Collection<Lease> leases, Duration leaseDuration) {
    housekeeping.enter();
    return db.inTransaction(() -> {
      Instant expiry = db.clock().instant().plus(leaseDuration);
      List<Lease> renewed = new ArrayList<>();
      for (Lease lease : leases) {
        BatchItem item = db.state().items.get(lease.itemId());
        if (holds(item, lease)) {
          Lease longer = lease.renewedUntil(expiry);
          db.state().items.put(item.id(), item.renew(longer));
          renewed.add(longer);
        }
      }
      return renewed;
    });
  }

  @Override
  public List<RecordResult> record(List<ItemOutcome> outcomes) {
    return db.inTransaction(() -> outcomes.stream().map(this::apply).toList());
  }

  @Override
  public List<ClaimedItem> expired(int limit) {
    housekeeping.enter();
    Instant now = db.clock().instant();
    return inProgress(i -> i.lease().orElseThrow().isExpiredAt(now), limit);
  }

  @Override
  public List<ClaimedItem> heldBy(String node, int limit) {
    return inProgress(i -> i.lease().orElseThrow().owner().equals(node), limit);
  }

  private List<ClaimedItem> inProgress(Predicate<BatchItem> filter, int limit) {
    return db.inTransaction(() ->
        db.state().items.values().stream()
            .filter(i -> i.status() == ItemStatus.IN_PROGRESS)
            .filter(filter)
            .sorted(Comparator.comparing(i -> i.lease().orElseThrow().expiresAt()))
            .limit(limit)
            .map(i -> claimedItem(db.state().batches.get(i.batchId()), i))
            .toList());
  }

  private RecordResult apply(ItemOutcome outcome) {
    var state = db.state();
    BatchItem item = state.items.get(outcome.lease().itemId());
    if (!holds(item, outcome.lease())) {
      return RecordResult.LEASE_LOST;
    }
    Settlement settlement = outcome.settlement();
    outcome
        .question()
        .ifPresent(q -> {
          var id = settlement.question().orElseThrow();
          state.questions.put(id, new StoredQuestion(id, item.batchId(), q));
        });
    state.items.put(item.id(), item.settle(settlement));
    Money released = outcome.released();
    state.reserved.remove(item.id());
    state.adjust(
        item.batchId(),
        b ->
            b.withCounts(b.counts().plus(settlement.counts()))
                .withTokens(b.tokens().plus(settlement.tokens()))
                .withSpend(b.spend().settled(released, outcome.cost())));
    return RecordResult.APPLIED;
  }

  private static boolean holds(BatchItem item, Lease lease) {
    return item != null
        && item.status() == ItemStatus.IN_PROGRESS
        && item.lease().orElseThrow().token().equals(lease.token());
  }

  private ClaimedItem claimedItem(Batch batch, BatchItem item) {
    return new ClaimedItem(
        item,
        batch.ownerId(),
        batch.courseId(),
        batch.counts().total(),
        batch.config().execution(),
        db.state().reserved.getOrDefault(item.id(), Money.ZERO));
  }

  @Override
  public List<BatchId> unaffordable(Money firstEstimate, int limit) {
    return db.inTransaction(() ->
        db.state().batches.values().stream()
            .filter(b -> b.status() == BatchStatus.RUNNING && b.counts().pending() > 0)
            .filter(b -> b.counts().inFlight() == 0)
            .filter(b -> !b.spend().affords(b.spend().estimate(firstEstimate)))
            .map(Batch::id)
            .limit(limit)
            .toList());
  }
}
