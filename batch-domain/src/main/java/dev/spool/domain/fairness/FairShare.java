package dev.spool.domain.fairness;

import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.money.Money;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Weighted fair share of claims, by start-time fair queuing (Goyal, Vin and Cheng, 1996) at two
 * levels: across owners by weight, then within an owner across its batches equally.
 *
 * <p>Every claimed item gets a start tag in virtual time. An owner's next item starts at its own
 * clock, or at the system's virtual time if that is later (an owner that had nothing to claim does
 * not bank credit while it waits); each item advances the owner's clock by 1 / weight. A claim of n
 * items takes the n smallest start tags among the owners that have claimable batches, so when the
 * limit is the bottleneck, owners get it in proportion to their weights; an owner alone gets all of
 * it (the rule only orders claims, it never holds one back). The same rule, weight 1 each, shares
 * an owner's items across its running batches. A batch never takes more than its free slots.
 *
 * <p>The system's virtual time is the largest start tag handed out so far: the largest {@link
 * ShareClock#lastStart()} of all owners, which the caller reads with the owners. Clocks only ever
 * grow, and all the state is the owners' clocks and the batches' clocks, so claims on several nodes
 * share one order as long as each charges what it claimed ({@link #charge}).
 */
public final class FairShare {
  private FairShare() {}

  /** What to claim: how many items from which batch, in the order of their start tags. */
  public record Grant(BatchId batch, int items) {}

  /**
   * Decides which batches the next {@code max} items come from.
   *
   * @param owners the owners of the candidates; an owner missing here is a {@linkplain
   *     OwnerShare#newcomer newcomer}
   * @param systemTime the largest start tag handed out so far, over all owners
   * @param candidates the batches that could take items now, oldest first (ties go to the older)
   */
  public static List<Grant> plan(
      Map<UserId, OwnerShare> owners, double systemTime, List<Claimable> candidates, int max) {
    return plan(owners, systemTime, candidates, max, Map.of());
  }

  /**
   * {@link #plan(Map, double, List, int)} within each owner's {@link Allowance}: an owner at the
   * end of its allowance drops out, and the others share what it leaves, so the plan stays
   * work-conserving.
   *
   * @param allowances what each owner may still claim; an owner missing here is unlimited
   */
  public static List<Grant> plan(
      Map<UserId, OwnerShare> owners,
      double systemTime,
      List<Claimable> candidates,
      int max,
      Map<UserId, Allowance> allowances) {
    Map<UserId, Queue> queues = queues(owners, systemTime, candidates, allowances);
    Map<BatchId, int[]> taken = new LinkedHashMap<>();
    for (int n = 0; n < max; n++) {
      Queue next = null;
      for (Queue queue : queues.values()) {
        if (queue.hasMore() && (next == null || queue.nextStart() < next.nextStart())) {
          next = queue;
        }
      }
      if (next == null) {
        break;
      }
      BatchSlot batch = next.take();
      taken.computeIfAbsent(batch.claimable.batch(), b -> new int[1])[0]++;
    }
    List<Grant> grants = new ArrayList<>(taken.size());
    taken.forEach((batch, count) -> grants.add(new Grant(batch, count[0])));
    return grants;
  }

  /** An owner's clock and its batches' clocks after a claim took {@code claimed} items. */
  public record Charge(UserId owner, ShareClock clock, Map<BatchId, Double> batchTimes) {}

  /**
   * What a claim costs each owner it served: call with what was really claimed (it may be less than
   * {@link #plan} granted, if items became unclaimable meanwhile).
   *
   * @param claimed items claimed per batch; batches with none are ignored
   */
  public static List<Charge> charge(
      Map<UserId, OwnerShare> owners,
      double systemTime,
      Collection<Claimable> candidates,
      Map<BatchId, Integer> claimed) {
    Map<UserId, List<Claimable>> served = new LinkedHashMap<>();
    for (Claimable candidate : candidates) {
      if (claimed.getOrDefault(candidate.batch(), 0) > 0) {
        served.computeIfAbsent(candidate.owner(), o -> new ArrayList<>()).add(candidate);
      }
    }
    List<Charge> charges = new ArrayList<>(served.size());
    served.forEach((owner, batches) -> {
      OwnerShare share = owners.getOrDefault(owner, OwnerShare.newcomer(owner));
      ShareClock clock = share.clock();
      double start = Math.max(clock.virtualTime(), systemTime);
      int items = 0;
      double batchClock = clock.batchClock();
      Map<BatchId, Double> batchTimes = new LinkedHashMap<>();
      for (Claimable batch : batches) {
        int n = claimed.get(batch.batch());
        items += n;
        double batchStart = Math.max(batch.virtualTime(), clock.batchClock());
        batchTimes.put(batch.batch(), batchStart + n);
        batchClock = Math.max(batchClock, batchStart + n - 1);
      }
      double weight = share.weight();
      charges.add(
          new Charge(
              owner,
              new ShareClock(
                  start + items / weight,
                  Math.max(clock.lastStart(), start + (items - 1) / weight),
                  batchClock),
              batchTimes));
    });
    return charges;
  }

  private static Map<UserId, Queue> queues(
      Map<UserId, OwnerShare> owners,
      double systemTime,
      List<Claimable> candidates,
      Map<UserId, Allowance> allowances) {
    Map<UserId, Queue> queues = new LinkedHashMap<>();
    for (Claimable candidate : candidates) {
      if (candidate.items() == 0) {
        continue;
      }
      Queue queue =
          queues.computeIfAbsent(
              candidate.owner(),
              o ->
                  new Queue(
                      owners.getOrDefault(o, OwnerShare.newcomer(o)),
                      systemTime,
                      allowances.getOrDefault(o, Allowance.UNLIMITED)));
      queue.add(candidate);
    }
    return queues;
  }

  /** One owner's claimable items, served in start-tag order. */
  private static final class Queue {
    private final double weight;
    private final double start;
    private final double batchClock;
    private final List<BatchSlot> batches = new ArrayList<>();
    private final int itemsAllowed;
    private Money moneyLeft;
    private int taken;

    Queue(OwnerShare share, double systemTime, Allowance allowance) {
      this.weight = share.weight();
      this.start = Math.max(share.clock().virtualTime(), systemTime);
      this.batchClock = share.clock().batchClock();
      this.itemsAllowed = allowance.items();
      this.moneyLeft = allowance.money();
    }

    private boolean open(BatchSlot batch) {
      return batch.hasMore() && batch.claimable.estimate().compareTo(moneyLeft) <= 0;
    }

    void add(Claimable claimable) {
      batches.add(new BatchSlot(claimable, Math.max(claimable.virtualTime(), batchClock)));
    }

    boolean hasMore() {
      return taken < itemsAllowed && batches.stream().anyMatch(this::open);
    }

    double nextStart() {
      return start + taken / weight;
    }

    BatchSlot take() {
      BatchSlot next = null;
      for (BatchSlot batch : batches) {
        if (open(batch) && (next == null || batch.nextStart() < next.nextStart())) {
          next = batch;
        }
      }
      Objects.requireNonNull(next, "take() without hasMore()").taken++;
      moneyLeft = moneyLeft.minus(next.claimable.estimate());
      taken++;
      return next;
    }
  }

  private static final class BatchSlot {
    private final Claimable claimable;
    private final double start;
    private int taken;

    BatchSlot(Claimable claimable, double start) {
      this.claimable = claimable;
      this.start = start;
    }

    boolean hasMore() {
      return taken < claimable.items();
    }

    double nextStart() {
      return start + taken;
    }
  }
}
