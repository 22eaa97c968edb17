package dev.spool.application.dispatch;

import dev.spool.application.port.out.ClaimedItem;
import java.util.List;

/**
 * Claims new work inside the transaction that writes finished work. The writer already holds the
 * batch locks a claim needs, so one lock and one commit serve both: the dispatcher's steady state
 * is write-and-refill, not write, then claim.
 */
interface Refill {
  /** Called inside the write's transaction; may claim nothing. */
  List<ClaimedItem> claim();

  /** The write committed: start what was claimed. */
  void committed();

  /** The write rolled back: nothing was claimed after all. */
  void rolledBack();
}
