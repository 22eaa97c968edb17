package dev.spool.domain.batch;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The life cycle of one item. A retry waits as {@code pending} with a not-before time.
 *
 * <pre>
 * pending     -> in_progress (claimed) | cancelled
 * in_progress -> completed | failed | pending (retry, release, recovery) | cancelled
 * failed      -> pending (retry of the failed items)
 * completed, cancelled: final
 * </pre>
 */
public enum ItemStatus {
  PENDING,
  IN_PROGRESS,
  COMPLETED,
  FAILED,
  CANCELLED;

  private static final ItemStatus[] ALL = values();

  /** Computed once: statuses are read and written for every item a dispatcher settles. */
  private final String wireName = name().toLowerCase(Locale.ROOT);

  public Set<ItemStatus> allowedTargets() {
    return switch (this) {
      case PENDING -> EnumSet.of(IN_PROGRESS, CANCELLED);
      case IN_PROGRESS -> EnumSet.of(COMPLETED, FAILED, PENDING, CANCELLED);
      case FAILED -> EnumSet.of(PENDING);
      case COMPLETED, CANCELLED -> EnumSet.noneOf(ItemStatus.class);
    };
  }

  /**
   * Returns {@code target} if the move is allowed. Items are moved only by Spool itself, so a
   * refused move is a bug, not a user error.
   */
  public ItemStatus moveTo(ItemStatus target) {
    if (!allowedTargets().contains(target)) {
      throw new IllegalStateException(
          "item move " + this + " -> " + target + " is not allowed; this indicates a bug");
    }
    return target;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<ItemStatus> fromWireName(String name) {
    for (ItemStatus status : ALL) {
      if (status.wireName.equals(name)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return wireName();
  }
}
