package dev.spool.domain.dispatch;

import dev.spool.domain.batch.ItemError;
import java.time.Instant;

/** What becomes of an item whose attempt failed. */
public sealed interface FailureDecision {

  /** The error of the attempt, as the item keeps it. */
  ItemError error();

  /** Try again, no earlier than {@code notBefore}. */
  record Retry(ItemError error, Instant notBefore) implements FailureDecision {}

  /** The retry budget is spent or the error cannot be retried: the item fails for good. */
  record GiveUp(ItemError error) implements FailureDecision {}
}
