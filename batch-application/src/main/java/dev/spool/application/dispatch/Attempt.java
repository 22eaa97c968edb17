package dev.spool.application.dispatch;

import dev.spool.domain.dispatch.BatchItemError;
import dev.spool.domain.dispatch.BatchPipelineError;
import dev.spool.domain.question.GeneratedQuestion;
import java.util.Optional;

/** How one attempt at an item ended, before it is decided what becomes of the item. */
sealed interface Attempt {

  record Succeeded(GeneratedQuestion question) implements Attempt {}

  /**
   * The attempt failed; retried within the item's budget if the error allows.
   *
   * @param answered what the provider answered, if it did (an invalid question): it was billed
   */
  record Failed(BatchItemError error, Optional<GeneratedQuestion> answered) implements Attempt {
    Failed(BatchItemError error) {
      this(error, Optional.empty());
    }
  }

  /** No item of the batch can succeed: the batch fails, this item returns to pending. */
  record Fatal(BatchPipelineError error) implements Attempt {}

  /**
   * The attempt was cut off (its lease expired, or its node died): it counts, and the item is
   * retried at once if it has attempts left, so a poison item cannot loop forever.
   */
  record Interrupted(String reason) implements Attempt {}

  /** The attempt is given back unfinished, as at shutdown: it does not count. */
  record Abandoned() implements Attempt {}
}
