package dev.spool.application.port.out;

import dev.spool.domain.batch.Lease;
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
  List<ClaimedItem> claim(String node, int max, Duration leaseDuration);

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
