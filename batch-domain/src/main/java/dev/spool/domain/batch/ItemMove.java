package dev.spool.domain.batch;

import java.util.Objects;

/**
 * A move that the same rule applies to many items at once: a claim, cancelling the pending items of
 * a cancelled batch, and sending failed items back for a retry. The values here are the whole rule:
 * a store selects the items in status {@link #from()} and sets the rest as given, without working
 * any of it out again.
 *
 * <p>An item's attempts become {@code attempts * attemptsKept + attemptsAdded}, its round {@code
 * round + roundAdded}; its batch's counts change by {@link #perItem()} for every item moved.
 *
 * @param finishes whether the move ends the item's life, so that it keeps the time it ended
 */
public record ItemMove(
    ItemStatus from,
    ItemStatus to,
    int attemptsKept,
    int attemptsAdded,
    int roundAdded,
    boolean finishes) {

  /** pending -> in progress under a fresh lease, with one more attempt. */
  public static final ItemMove CLAIM =
      new ItemMove(ItemStatus.PENDING, ItemStatus.IN_PROGRESS, 1, 1, 0, false);

  /** pending -> cancelled, as the items of a cancelled batch that never started. */
  public static final ItemMove CANCEL_PENDING =
      new ItemMove(ItemStatus.PENDING, ItemStatus.CANCELLED, 1, 0, 0, true);

  /** failed -> pending with a fresh retry budget, in the next round. */
  public static final ItemMove RETRY_FAILED =
      new ItemMove(ItemStatus.FAILED, ItemStatus.PENDING, 0, 0, 1, false);

  public ItemMove {
    Objects.requireNonNull(from, "from");
    from.moveTo(Objects.requireNonNull(to, "to"));
    if (attemptsKept != 0 && attemptsKept != 1) {
      throw new IllegalArgumentException("attempts are either kept or reset");
    }
  }

  /** How one item moved changes its batch's counts. */
  public ItemCounts.Change perItem() {
    return ItemCounts.Change.of(from, to);
  }

  /** The attempts of an item that had {@code attempts} before the move. */
  public int attemptsAfter(int attempts) {
    return attempts * attemptsKept + attemptsAdded;
  }
}
