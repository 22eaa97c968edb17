package dev.spool.application.port.out;

import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.CourseId;
import dev.spool.domain.batch.Lease;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.config.ExecutionSettings;
import dev.spool.domain.event.ItemStarted;
import dev.spool.domain.money.Money;
import java.util.Objects;

/**
 * An item in progress under a lease, with what a node needs to run it.
 *
 * @param item the item as claimed: in progress, its attempt counted, holding {@link #lease()}
 * @param batchTotal how many items its batch has
 * @param reserved what the claim reserved from the budgets for this attempt: released when it
 *     settles, and charged in full if the attempt is cut off (the provider may have billed it)
 */
public record ClaimedItem(
    BatchItem item,
    UserId owner,
    CourseId course,
    int batchTotal,
    ExecutionSettings execution,
    Money reserved) {

  public ClaimedItem {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(course, "course");
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(reserved, "reserved");
    if (item.lease().isEmpty()) {
      throw new IllegalArgumentException("a claimed item holds a lease");
    }
  }

  /** A claim that reserved nothing. */
  public ClaimedItem(
      BatchItem item, UserId owner, CourseId course, int batchTotal, ExecutionSettings execution) {
    this(item, owner, course, batchTotal, execution, Money.ZERO);
  }

  public Lease lease() {
    return item.lease().orElseThrow();
  }

  /** The event that announces this claim, stamped with the claim's time. */
  public ItemStarted startedEvent() {
    return new ItemStarted(
        item.batchId(), item.id(), item.position(), batchTotal, item.attempts(), item.updatedAt());
  }
}
