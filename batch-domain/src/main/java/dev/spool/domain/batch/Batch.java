package dev.spool.domain.batch;

import dev.spool.domain.config.BatchConfig;
import dev.spool.domain.money.BatchSpend;
import dev.spool.domain.money.Money;
import dev.spool.domain.question.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One batch: what it generates, who owns it, where it stands. Immutable: every transition returns a
 * new value, and the status rules live in {@link BatchStatus}.
 *
 * @param concurrency the configured concurrency, and what the batch may use now after 429s
 * @param version bumped by the store on every status change, to fence concurrent updates
 * @param failureReason why a batch-fatal error ended the batch, if one did
 * @param idempotencyKey the key a client created the batch with, unique per owner
 * @param spend its budget, what it spent and what its attempts in flight hold
 * @param pauseReason why it is paused, while it is
 */
public record Batch(
    BatchId id,
    UserId ownerId,
    CourseId courseId,
    Optional<String> name,
    BatchConfig config,
    BatchStatus status,
    ItemCounts counts,
    TokenUsage tokens,
    AdaptiveConcurrency concurrency,
    Optional<String> failureReason,
    Optional<String> idempotencyKey,
    BatchTimes times,
    long version,
    BatchSpend spend,
    Optional<PauseReason> pauseReason) {

  public Batch {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(courseId, "courseId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(concurrency, "concurrency");
    Objects.requireNonNull(failureReason, "failureReason");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(times, "times");
    Objects.requireNonNull(spend, "spend");
    Objects.requireNonNull(pauseReason, "pauseReason");
    if (pauseReason.isPresent() != (status == BatchStatus.PAUSED)) {
      throw new IllegalArgumentException("a batch has a pause reason exactly while paused");
    }
    if (counts.total() != config.itemCount()) {
      throw new IllegalArgumentException("counts.total must equal the config's item count");
    }
  }

  /** A new, pending batch whose items are all pending. */
  public static Batch create(
      BatchId id,
      UserId owner,
      CourseId course,
      Optional<String> name,
      BatchConfig config,
      Optional<String> idempotencyKey,
      Instant now) {
    return new Batch(
        id,
        owner,
        course,
        name,
        config,
        BatchStatus.PENDING,
        ItemCounts.allPending(config.itemCount()),
        TokenUsage.NONE,
        AdaptiveConcurrency.of(config.execution().concurrency()),
        Optional.empty(),
        idempotencyKey,
        BatchTimes.createdAt(now),
        0,
        BatchSpend.NONE,
        Optional.empty());
  }

  public boolean isOwnedBy(UserId user) {
    return ownerId.equals(user);
  }

  /** pending -> running. */
  public Batch start(Instant now) {
    return with(status.moveTo(BatchStatus.RUNNING), times.started(now), failureReason);
  }

  /** Whether the batch waits for its owner's approval: created pending, nothing dispatched. */
  public boolean awaitsApproval() {
    return status == BatchStatus.PENDING;
  }

  /** pending -> running: its owner approved it, and its items may be dispatched. */
  public Batch approve(Instant now) {
    requireStatus(BatchStatus.PENDING, BatchStatus.RUNNING);
    return start(now);
  }

  /** pending -> cancelled: its owner rejected it; nothing of it ran. */
  public Batch reject(Instant now) {
    requireStatus(BatchStatus.PENDING, BatchStatus.CANCELLED);
    return cancel(now);
  }

  /** running -> paused: no further item starts until {@link #resume}. */
  public Batch pause(Instant now) {
    return pause(PauseReason.REQUESTED, now);
  }

  /** running -> paused, for {@code reason}. */
  public Batch pause(PauseReason reason, Instant now) {
    return with(
        status.moveTo(BatchStatus.PAUSED), times.paused(now), failureReason, Optional.of(reason));
  }

  /** Whether the batch waits for more budget: paused because its next call could exceed it. */
  public boolean isOutOfBudget() {
    return pauseReason.filter(r -> r == PauseReason.BUDGET_EXHAUSTED).isPresent();
  }

  /** The batch with a new budget, or none: what it spent and holds stays. */
  public Batch withBudget(Optional<Money> budget) {
    return withSpend(spend.withBudget(budget));
  }

  public Batch withSpend(BatchSpend newSpend) {
    return copy(status, counts, tokens, concurrency, failureReason, times, newSpend, pauseReason);
  }

  /** paused -> running, and nothing else. */
  public Batch resume() {
    requireStatus(BatchStatus.PAUSED, BatchStatus.RUNNING);
    return with(BatchStatus.RUNNING, times.resumed(), failureReason);
  }

  /** pending, running or paused -> cancelled. Items already in flight still finish. */
  public Batch cancel(Instant now) {
    return with(status.moveTo(BatchStatus.CANCELLED), times.finished(now), failureReason);
  }

  /** completed_with_errors or failed -> running, to run the failed items again. */
  public Batch retryFailed() {
    if (status != BatchStatus.COMPLETED_WITH_ERRORS && status != BatchStatus.FAILED) {
      throw new InvalidStateTransition(status, BatchStatus.RUNNING);
    }
    return with(BatchStatus.RUNNING, times.reopened(), Optional.empty());
  }

  /**
   * Finishes a running batch that has nothing left to run: completed if every item completed,
   * failed if none did, completed with errors otherwise. Empty while work remains.
   */
  public Optional<Batch> finishIfDrained(Instant now) {
    if (status != BatchStatus.RUNNING || !counts.isDrained()) {
      return Optional.empty();
    }
    BatchStatus outcome =
        counts.completed() == 0
            ? BatchStatus.FAILED
            : counts.failed() == 0 ? BatchStatus.COMPLETED : BatchStatus.COMPLETED_WITH_ERRORS;
    return Optional.of(with(status.moveTo(outcome), times.finished(now), failureReason));
  }

  /**
   * Ends a running batch at once after a batch-fatal error, such as rejected credentials. Completed
   * items are kept; pending ones stay pending for a later retry. Empty if the batch is not running,
   * for example because another node already failed it.
   */
  public Optional<Batch> failFatally(String reason, Instant now) {
    if (status != BatchStatus.RUNNING) {
      return Optional.empty();
    }
    return Optional.of(
        with(status.moveTo(BatchStatus.FAILED), times.finished(now), Optional.of(reason)));
  }

  public Batch withCounts(ItemCounts newCounts) {
    return copy(status, newCounts, tokens, concurrency, failureReason, times, spend, pauseReason);
  }

  public Batch withTokens(TokenUsage newTokens) {
    return copy(status, counts, newTokens, concurrency, failureReason, times, spend, pauseReason);
  }

  public Batch withConcurrency(AdaptiveConcurrency adapted) {
    return copy(status, counts, tokens, adapted, failureReason, times, spend, pauseReason);
  }

  /** How long the batch ran, from its last start to its finish (or to {@code now}). */
  public Duration elapsed(Instant now) {
    Instant start = times.startedAt().orElse(times.createdAt());
    return Duration.between(start, times.completedAt().orElse(now));
  }

  private void requireStatus(BatchStatus required, BatchStatus target) {
    if (status != required) {
      throw new InvalidStateTransition(status, target);
    }
  }

  /** A status change that leaves the batch unpaused (only {@link #pause} pauses). */
  private Batch with(BatchStatus newStatus, BatchTimes newTimes, Optional<String> reason) {
    return with(newStatus, newTimes, reason, Optional.empty());
  }

  private Batch with(
      BatchStatus newStatus,
      BatchTimes newTimes,
      Optional<String> reason,
      Optional<PauseReason> newReason) {
    return copy(newStatus, counts, tokens, concurrency, reason, newTimes, spend, newReason);
  }

  /** This batch with the fields that change; its identity, config, key and version stay. */
  private Batch copy(
      BatchStatus newStatus,
      ItemCounts newCounts,
      TokenUsage newTokens,
      AdaptiveConcurrency newConcurrency,
      Optional<String> newFailureReason,
      BatchTimes newTimes,
      BatchSpend newSpend,
      Optional<PauseReason> newPauseReason) {
    return new Batch(
        id,
        ownerId,
        courseId,
        name,
        config,
        newStatus,
        newCounts,
        newTokens,
        newConcurrency,
        newFailureReason,
        idempotencyKey,
        newTimes,
        version,
        newSpend,
        newPauseReason);
  }
}
