package dev.spool.application.port.out;

import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.Lease;
import dev.spool.domain.money.Money;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The batch items as a work queue shared by every node. Claims hand out leases; outcomes, renewals
 * and releases are fenced by the lease token, so a node that lost its lease cannot change an item
 * any more.
 */
public interface WorkQueue {

  /**
   * Claims up to {@code max} items: pending, not waiting for a retry time, and of running batches.
   * Never claims more of one batch than its free concurrency slots, counted across all nodes, and
   * never after a pause or cancel of the batch has committed. Each claimed item moves to in
   * progress with one more attempt, under a fresh lease for {@code node} that expires {@code
   * leaseDuration} from now by the store's clock; its batch counts one more in flight.
   */
  default List<ClaimedItem> claim(String node, int max, Duration leaseDuration) {
    return claim(node, max, leaseDuration, Money.ZERO);
  }

  /**
   * As {@link #claim(String, int, Duration)}, within budgets: each claimed attempt reserves what it
   * is expected to cost (its batch's mean cost per charged attempt so far, or {@code firstEstimate}
   * before there is one) from its batch's budget and its owner's monthly budget, and is claimed
   * only if both have that much left. Each owner's quotas (items in flight, calls per second) cap
   * what its batches take, counted over all nodes. The reservation is released when the attempt's
   * outcome is {@linkplain #record recorded}, which charges the outcome's cost instead.
   */
  List<ClaimedItem> claim(String node, int max, Duration leaseDuration, Money firstEstimate);

  /**
   * Running batches that have items waiting but cannot afford the next one: their budget, or their
   * owner's budget for this month, has less left than the attempt is expected to cost, and nothing
   * in flight (of the batch, or of the owner) could settle for less than it reserved and make room.
   */
  List<BatchId> unaffordable(Money firstEstimate, int limit);

  /** Extends the leases still held, by {@code leaseDuration} from now. Returns those renewed. */
  List<Lease> renew(Collection<Lease> leases, Duration leaseDuration);

  /**
   * Applies outcomes, each fenced by its lease, and keeps the batches' counts and token totals.
   * Returns one result per outcome, in the same order.
   */
  List<RecordResult> record(List<ItemOutcome> outcomes);

  /** Items in progress whose lease expired by the store's clock, oldest expiry first. */
  List<ClaimedItem> expired(int limit);

  /** Items in progress under leases held by {@code node}, as after a restart of that node. */
  List<ClaimedItem> heldBy(String node, int limit);
}
