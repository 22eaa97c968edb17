package dev.spool.domain.batch;

import dev.spool.domain.question.QuestionId;
import dev.spool.domain.question.TokenUsage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How one attempt ends for its item, as {@link BatchItem} decided it: everything a store writes, as
 * values. A store applies it only while the item is still in progress under {@link #lease()}'s
 * token, and then sets each field as given: it never derives a status, an error code or a count
 * from what kind of ending this is.
 *
 * @param attemptsAdded added to the item's attempts: -1 when the attempt does not count
 * @param error replaces the item's last error when present; otherwise the item keeps its own
 * @param notBefore the item waits until then (only a retry waits)
 * @param question the question a completion generated
 * @param tokens what the attempt used, added to the item and its batch
 */
public record Settlement(
    Lease lease,
    ItemStatus status,
    int attemptsAdded,
    Optional<ItemError> error,
    Optional<Instant> notBefore,
    Optional<QuestionId> question,
    TokenUsage tokens,
    Instant at) {

  public Settlement {
    Objects.requireNonNull(lease, "lease");
    ItemStatus.IN_PROGRESS.moveTo(Objects.requireNonNull(status, "status"));
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(at, "at");
    if (question.isPresent() != (status == ItemStatus.COMPLETED)) {
      throw new IllegalArgumentException("exactly a completion links a question");
    }
  }

  public ItemId itemId() {
    return lease.itemId();
  }

  /** How this settlement changes the counts of the item's batch. */
  public ItemCounts.Change counts() {
    return counts(status);
  }

  /** When the item's life ended, if this ends it: completed, failed for good, or cancelled. */
  public Optional<Instant> endedAt() {
    return ends(status) ? Optional.of(at) : Optional.empty();
  }

  /** How an item settling into {@code target} changes its batch's counts. */
  public static ItemCounts.Change counts(ItemStatus target) {
    return ItemCounts.Change.of(ItemStatus.IN_PROGRESS, target);
  }

  /** Whether an item settling into {@code target} ends its life (a retry or release does not). */
  public static boolean ends(ItemStatus target) {
    return target != ItemStatus.PENDING;
  }

  /** Every status a settlement may reach. */
  public static Set<ItemStatus> targets() {
    return ItemStatus.IN_PROGRESS.allowedTargets();
  }
}
