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
    return status == ItemStatus.PENDING && notBefore.map(t -> !t.isAfter(now)).orElse(true);
  }

  /** pending -> in progress under {@code lease}; starts one more attempt. */
  public BatchItem claim(Lease lease, Instant now) {
    if (!isClaimableAt(now)) {
      throw new IllegalStateException("item " + id + " is not claimable; this indicates a bug");
    }
    return new BatchItem(
        id,
        batchId,
        position,
        spec,
        status.moveTo(ItemStatus.IN_PROGRESS),
        attempts + 1,
        round,
        lastError,
        Optional.empty(),
        questionId,
        tokens,
        Optional.of(lease),
        now);
  }

  public BatchItem renew(Lease renewed) {
    return withLease(status, Optional.of(renewed), lastError, notBefore, updatedAt);
  }

  /** in progress -> completed, with the question it generated. */
  public BatchItem complete(QuestionId question, TokenUsage usage, Instant now) {
    return new BatchItem(
        id,
        batchId,
        position,
        spec,
        status.moveTo(ItemStatus.COMPLETED),
        attempts,
        round,
        lastError,
        Optional.empty(),
        Optional.of(question),
        tokens.plus(usage),
        Optional.empty(),
        now);
  }

  /** in progress -> pending until {@code retryAt}, keeping the error of this attempt. */
  public BatchItem scheduleRetry(ItemError error, Instant retryAt, Instant now) {
    return withLease(
        status.moveTo(ItemStatus.PENDING),
        Optional.empty(),
        Optional.of(error),
        Optional.of(retryAt),
        now);
  }

  /** in progress -> failed for good; the error keeps the last attempt's message. */
  public BatchItem fail(ItemError error, Instant now) {
    return withLease(
        status.moveTo(ItemStatus.FAILED),
        Optional.empty(),
        Optional.of(error.asFinal()),
        Optional.empty(),
        now);
  }

  /** pending or in progress -> cancelled. */
  public BatchItem cancel(Instant now) {
    return withLease(
        status.moveTo(ItemStatus.CANCELLED), Optional.empty(), lastError, Optional.empty(), now);
  }

  /** in progress -> pending without counting the attempt, as when a node shuts down. */
  public BatchItem release(Instant now) {
    return new BatchItem(
        id,
        batchId,
        position,
        spec,
        status.moveTo(ItemStatus.PENDING),
        attempts - 1,
        round,
        lastError,
        Optional.empty(),
        questionId,
        tokens,
        Optional.empty(),
        now);
  }

  /** failed -> pending with a fresh retry budget, for a retry of the failed items. */
  public BatchItem resetForRetry(Instant now) {
    return new BatchItem(
        id,
        batchId,
        position,
        spec,
        status.moveTo(ItemStatus.PENDING),
        0,
        round + 1,
        lastError,
        Optional.empty(),
        questionId,
        tokens,
        Optional.empty(),
        now);
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
