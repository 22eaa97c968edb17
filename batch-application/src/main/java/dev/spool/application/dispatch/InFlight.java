package dev.spool.application.dispatch;

import dev.spool.application.port.out.ClaimedItem;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.batch.Lease;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The items this node is running: a slot each out of {@code maxInFlight}, counted per batch too, so
 * a store that ever handed out more than a batch's concurrency is caught here.
 */
final class InFlight {
  private final Semaphore slots;
  private final Map<ItemId, ClaimedItem> items = new ConcurrentHashMap<>();

  InFlight(int maxInFlight) {
    this.slots = new Semaphore(maxInFlight);
  }

  /** Waits up to {@code timeoutMillis} for a free slot, then takes up to {@code max} at once. */
  int takeSlots(int max, long timeoutMillis) throws InterruptedException {
    if (!slots.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
      return 0;
    }
    int more = Math.min(max - 1, slots.availablePermits());
    return more > 0 && slots.tryAcquire(more) ? more + 1 : 1;
  }

  /** Takes up to {@code max} free slots without waiting; may take none. */
  int tryTakeSlots(int max) {
    int free = Math.min(max, slots.availablePermits());
    return free > 0 && slots.tryAcquire(free) ? free : 0;
  }

  void returnSlots(int count) {
    slots.release(count);
  }

  /** Starts tracking a claimed item in a slot already taken. */
  void add(ClaimedItem claimed) {
    items.put(claimed.item().id(), claimed);
  }

  /** Stops tracking an item whose outcome is written. */
  void remove(ClaimedItem claimed) {
    items.remove(claimed.item().id(), claimed);
  }

  List<Lease> leases() {
    return items.values().stream().map(ClaimedItem::lease).toList();
  }

  List<ClaimedItem> items() {
    return List.copyOf(items.values());
  }

  /** Whether this node still runs the item under this lease. */
  boolean holds(Lease lease) {
    ClaimedItem claimed = items.get(lease.itemId());
    return claimed != null && claimed.lease().token().equals(lease.token());
  }

  int size() {
    return items.size();
  }
}
