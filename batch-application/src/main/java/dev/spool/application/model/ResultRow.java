package dev.spool.application.model;

import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.money.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a batch's results: a completed item with its question, or a failed one with its
 * error.
 *
 * @param question the question a completed item generated; empty for a failed one
 * @param cost what the item's attempts cost, if their prices were known
 * @param startedAt when its first attempt was claimed
 * @param completedAt when it completed or failed for good
 */
public record ResultRow(
    BatchItem item,
    Optional<StoredQuestion> question,
    Money cost,
    Optional<Instant> startedAt,
    Optional<Instant> completedAt) {

  public ResultRow {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(completedAt, "completedAt");
  }
}
