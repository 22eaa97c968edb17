package dev.spool.application.port.out;

import dev.spool.domain.event.BatchEvent;
import dev.spool.domain.question.TokenUsage;
import java.time.Duration;
import java.util.List;

/**
 * Watches the dispatcher's work as it happens, for metrics. Calls come from the dispatcher's own
 * threads and must return quickly; an observer never changes what the dispatcher does.
 */
public interface DispatchObserver {

  /** Observes nothing. */
  DispatchObserver NONE = new DispatchObserver() {};

  /** How one call to the generator ended. */
  enum AttemptResult {
    SUCCEEDED,
    FAILED,
    FATAL,
    ABANDONED
  }

  /** An attempt at an item began on this node. */
  default void attemptStarted() {}

  /**
   * An attempt ended after {@code generationTime} in the generator (zero if it never got there).
   */
  default void attemptFinished(AttemptResult result, Duration generationTime) {}

  /** A generated question used {@code usage} tokens, as the provider reported them. */
  default void tokensUsed(TokenUsage usage) {}

  /** A worker waited {@code wait} for the shared rate limit before calling the generator. */
  default void rateLimitWaited(Duration wait) {}

  /** Attempts settled on this node were charged {@code cost}, in all. */
  default void charged(dev.spool.domain.money.Money cost) {}

  /** Item events that just committed: completions, failures and retries. */
  default void committed(List<BatchEvent> events) {}

  /**
   * One transaction wrote {@code outcomes} finished attempts (and claimed their successors) in
   * {@code took}, commit included: the time a finished slot waits before it is used again.
   */
  default void outcomesWritten(int outcomes, Duration took) {}
}
