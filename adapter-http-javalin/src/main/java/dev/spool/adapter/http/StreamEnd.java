package dev.spool.adapter.http;

import dev.spool.application.model.BatchOverview;
import dev.spool.application.model.StoredEvent;
import dev.spool.domain.event.BatchCompleted;
import dev.spool.domain.event.BatchEvent;
import dev.spool.domain.event.BatchProgressed;
import dev.spool.domain.event.BatchStatusChanged;

/**
 * When a progress stream is over: after {@code batch.complete}, or once a cancelled batch has no
 * item in flight or pending. A stream opened on a batch that had already finished and drained ends
 * as soon as the events it resumed with are sent, unless the batch is reopened meanwhile.
 */
final class StreamEnd {
  private boolean cancelled;
  private boolean finished;
  private boolean drainedAtStart;

  private StreamEnd(boolean cancelled, boolean finished, boolean drainedAtStart) {
    this.cancelled = cancelled;
    this.finished = finished;
    this.drainedAtStart = drainedAtStart;
  }

  static StreamEnd from(BatchOverview snapshot) {
    var status = snapshot.batch().status();
    boolean drained = status.isFinished() && settled(snapshot.progress());
    return new StreamEnd(
        status == dev.spool.domain.batch.BatchStatus.CANCELLED, status.isFinished(), drained);
  }

  boolean drainedAtStart() {
    return drainedAtStart;
  }

  /** Whether the batch has finished (and so may have been deleted) as far as the stream saw. */
  boolean finished() {
    return finished;
  }

  /**
   * Nothing in flight and nothing pending: a big cancelled batch's pending items are cancelled in
   * chunks after the cancel, and its stream shows them go before it ends.
   */
  private static boolean settled(dev.spool.domain.progress.Progress progress) {
    return progress.inProgress() == 0 && progress.pending() == 0;
  }

  /**
   * Whether the stream ends once {@code stored} is sent. Only a batch's own events can end it, so
   * an item event is never read back from its JSON.
   */
  boolean after(StoredEvent stored) {
    if (!BatchEvent.isAboutTheBatch(stored.type())) {
      return false;
    }
    switch (stored.event()) {
      case BatchCompleted completed -> {
        return true;
      }
      case BatchStatusChanged changed -> {
        cancelled = changed.change() == BatchStatusChanged.Change.CANCELLED;
        finished = changed.status().isFinished();
        if (changed.change() == BatchStatusChanged.Change.RETRYING) {
          drainedAtStart = false;
        }
        return false;
      }
      case BatchProgressed progressed -> {
        return cancelled && settled(progressed.progress());
      }
      default -> {
        return false;
      }
    }
  }
}
