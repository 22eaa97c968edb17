package dev.spool.application.port.out;

/** Whether an {@link ItemOutcome} changed its item. */
public enum RecordResult {
  /** The item was still held under the outcome's lease, and now reflects the outcome. */
  APPLIED,
  /**
   * The lease was no longer valid (it expired and the item was recovered, or the outcome was a
   * duplicate). Nothing changed.
   */
  LEASE_LOST
}
