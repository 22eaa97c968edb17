package dev.spool.domain.batch;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a batch was created, last started, last paused and finished.
 *
 * @param completedAt when the batch last reached a finished status; cleared by a retry
 */
public record BatchTimes(
    Instant createdAt,
    Optional<Instant> startedAt,
    Optional<Instant> pausedAt,
    Optional<Instant> completedAt) {

  public BatchTimes {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(pausedAt, "pausedAt");
    Objects.requireNonNull(completedAt, "completedAt");
  }

  public static BatchTimes createdAt(Instant at) {
    return new BatchTimes(at, Optional.empty(), Optional.empty(), Optional.empty());
  }

  BatchTimes started(Instant at) {
    return new BatchTimes(createdAt, Optional.of(at), pausedAt, Optional.empty());
  }

  BatchTimes paused(Instant at) {
    return new BatchTimes(createdAt, startedAt, Optional.of(at), completedAt);
  }

  BatchTimes resumed() {
    return new BatchTimes(createdAt, startedAt, Optional.empty(), completedAt);
  }

  BatchTimes finished(Instant at) {
    return new BatchTimes(createdAt, startedAt, pausedAt, Optional.of(at));
  }

  BatchTimes reopened() {
    return new BatchTimes(createdAt, startedAt, Optional.empty(), Optional.empty());
  }
}
