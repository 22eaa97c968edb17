package dev.spool.application.port.out;

import dev.spool.domain.batch.ItemError;
import dev.spool.domain.batch.Lease;
import dev.spool.domain.question.GeneratedQuestion;
import dev.spool.domain.question.QuestionId;
import java.time.Instant;

/**
 * How one in-flight item ends its attempt. Every outcome is fenced by its lease: it applies only
 * while the item is still in progress under that lease's token.
 */
public sealed interface ItemOutcome {
  Lease lease();

  Instant at();

  /** The item completed; the question is stored and linked to it. */
  record Completed(Lease lease, QuestionId questionId, GeneratedQuestion question, Instant at)
      implements ItemOutcome {}

  /** The attempt failed; the item waits as pending until {@code notBefore}. */
  record RetryLater(Lease lease, ItemError error, Instant notBefore, Instant at)
      implements ItemOutcome {}

  /** The item failed for good. */
  record Failed(Lease lease, ItemError error, Instant at) implements ItemOutcome {}

  /** The item's batch was cancelled while it ran, and it will not be tried again. */
  record Cancelled(Lease lease, Instant at) implements ItemOutcome {}

  /** The attempt did not happen or does not count: the item returns to pending as it was. */
  record Released(Lease lease, Instant at) implements ItemOutcome {}
}
