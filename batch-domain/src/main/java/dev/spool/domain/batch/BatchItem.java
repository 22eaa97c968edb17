package dev.spool.domain.batch;

import dev.spool.domain.config.ItemSpec;
import dev.spool.domain.question.QuestionId;
import dev.spool.domain.question.TokenUsage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of a batch: one generation. Immutable; each transition returns a new value and checks
 * its move against {@link ItemStatus}.
 *
 * @param position the item's place in its batch, from 0
 * @param attempts how many attempts have started, including one in flight
 * @param round how many times a retry of the failed items has sent this item back; with {@code
 *     attempts} it names one try, so a generator that is deterministic per try (the simulator) can
 *     answer a retried item differently
 * @param notBefore a retry waits until then
 * @param lease present exactly while the item is in progress
 */
public record BatchItem(
    ItemId id,
    BatchId batchId,
    int position,
    ItemSpec spec,
    ItemStatus status,
    int attempts,
    int round,
    Optional<ItemError> lastError,
    Optional<Instant> notBefore,
    Optional<QuestionId> questionId,
    TokenUsage tokens,
    Optional<Lease> lease,
    Instant updatedAt) {

  public BatchItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(questionId, "questionId");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (position < 0 || attempts < 0 || round < 0) {
      throw new IllegalArgumentException("position, attempts and round cannot be negative");
    }
    if (lease.isPresent() != (status == ItemStatus.IN_PROGRESS)) {
      throw new IllegalArgumentException("an item holds a lease exactly while in progress");
    }
  }

  public static BatchItem planned(
      ItemId id, BatchId batch, int position, ItemSpec spec, Instant now) {
    return new BatchItem(
        id,
        batch,
        position,
        spec,
        ItemStatus.PENDING,
        0,
        0,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        TokenUsage.NONE,
        Optional.empty(),
        now);
  }

  /** Whether a claim may take this item at {@code now}. */
  public boolean isClaimableAt(Instant now) {
    return status == ItemMove.CLAIM.from() && notBefore.map(t -> !t.isAfter(now)).orElse(true);
  }

  /** {@link ItemMove#CLAIM}: in progress under {@code lease}, with one more attempt. */
  public BatchItem claim(Lease lease, Instant now) {
    if (!isClaimableAt(now)) {
      throw new IllegalStateException("item " + id + " is not claimable; this indicates a bug");
    }
    return moved(ItemMove.CLAIM, Optional.of(lease), now);
  }

  /**
   * A bulk move without a lease ({@link ItemMove#CANCEL_PENDING}, {@link ItemMove#RETRY_FAILED}).
   */
  public BatchItem move(ItemMove move, Instant now) {
    if (status != move.from()) {
      throw new IllegalStateException("item " + id + " is " + status + ", not " + move.from());
    }
    return moved(move, Optional.empty(), now);
  }

  private BatchItem moved(ItemMove move, Optional<Lease> newLease, Instant now) {
    return new BatchItem(
        id,
        batchId,
        position,
        spec,
        status.moveTo(move.to()),
        move.attemptsAfter(attempts),
        round + move.roundAdded(),
        lastError,
        Optional.empty(),
        questionId,
        tokens,
        newLease,
        now);
  }

  public BatchItem renew(Lease renewed) {
    return withLease(status, Optional.of(renewed), lastError, notBefore, updatedAt);
  }

  /** The attempt generated {@code question}: the item completes. */
  public Settlement complete(QuestionId question, TokenUsage usage, Instant now) {
    return new Settlement(
        held(),
        status.moveTo(ItemStatus.COMPLETED),
        0,
        Optional.empty(),
        Optional.empty(),
        Optional.of(question),
        usage,
        now);
  }

  /** The attempt failed and is tried again, no earlier than {@code retryAt}. */
  public Settlement retryAt(ItemError error, Instant retryAt, Instant now) {
    return settlement(ItemStatus.PENDING, 0, Optional.of(error), Optional.of(retryAt), now);
  }

  /** The attempt failed and the item fails for good, keeping the attempt's message. */
  public Settlement fail(ItemError error, Instant now) {
    return settlement(ItemStatus.FAILED, 0, Optional.of(error.asFinal()), Optional.empty(), now);
  }

  /** The item's batch was cancelled while it ran, and it is not tried again. */
  public Settlement cancelInFlight(Instant now) {
    return settlement(ItemStatus.CANCELLED, 0, Optional.empty(), Optional.empty(), now);
  }

  /** The attempt does not count, as when a node shuts down: the item waits as it was. */
  public Settlement release(Instant now) {
    return settlement(ItemStatus.PENDING, -1, Optional.empty(), Optional.empty(), now);
  }

  private Settlement settlement(
      ItemStatus target,
      int attemptsAdded,
      Optional<ItemError> error,
      Optional<Instant> retryAt,
      Instant now) {
    return new Settlement(
        held(),
        status.moveTo(target),
        attemptsAdded,
        error,
        retryAt,
        Optional.empty(),
        TokenUsage.NONE,
        now);
  }

  private Lease held() {
    return lease.orElseThrow(
        () -> new IllegalStateException("item " + id + " is not in flight; this indicates a bug"));
  }

  /** The item once {@code settlement} applied, as a store applies it: field by field, as given. */
  public BatchItem settle(Settlement settlement) {
    if (lease.isEmpty() || !lease.get().token().equals(settlement.lease().token())) {
      throw new IllegalStateException("item " + id + " is not held under the settlement's lease");
    }
    return new BatchItem(
        id,
        batchId,
        position,
        spec,
        status.moveTo(settlement.status()),
        attempts + settlement.attemptsAdded(),
        round,
        settlement.error().or(() -> lastError),
        settlement.notBefore(),
        settlement.question().or(() -> questionId),
        tokens.plus(settlement.tokens()),
        Optional.empty(),
        settlement.at());
  }

  private BatchItem withLease(
      ItemStatus newStatus,
      Optional<Lease> newLease,
      Optional<ItemError> error,
      Optional<Instant> newNotBefore,
      Instant now) {
    return new BatchItem(
        id,
        batchId,
        position,
        spec,
        newStatus,
        attempts,
        round,
        error,
        newNotBefore,
        questionId,
        tokens,
        newLease,
        now);
  }
}
