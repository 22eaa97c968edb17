package dev.spool.application.port.out;

import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.CourseId;
import dev.spool.domain.batch.Lease;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.config.ExecutionSettings;
import dev.spool.domain.event.ItemStarted;
import java.util.Objects;

/**
 * An item in progress under a lease, with what a node needs to run it.
 *
 * @param item the item as claimed: in progress, its attempt counted, holding {@link #lease()}
 * @param batchTotal how many items its batch has
 */
public record ClaimedItem(
    BatchItem item, UserId owner, CourseId course, int batchTotal, ExecutionSettings execution) {

  public ClaimedItem {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(course, "course");
    Objects.requireNonNull(execution, "execution");
    if (item.lease().isEmpty()) {
      throw new IllegalArgumentException("a claimed item holds a lease");
    }
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
