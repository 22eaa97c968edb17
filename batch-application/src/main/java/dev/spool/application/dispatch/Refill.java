package dev.spool.application.dispatch;

import dev.spool.domain.event.BatchEvent;
import java.util.List;

/**
 * Claims new work inside the transaction that writes finished work. The writer already holds the
 * batch locks a claim needs, so one lock and one commit serve both: the dispatcher's steady state
 * is write-and-refill, not write, then claim.
 */
interface Refill {
  /**
   * Called inside the write's transaction; may claim nothing. Adds each claim's {@code
   * item.started} to {@code started}, which the write appends with its own events.
   *
   * @param written how many outcomes the write records: the slots it frees, which the refill may
   *     take back at once even where that is more than one claim takes
   */
  void claim(int written, List<BatchEvent> started);

  /** The write committed: start what was claimed. */
  void committed();

  /** The write rolled back: nothing was claimed after all. */
  void rolledBack();
}
