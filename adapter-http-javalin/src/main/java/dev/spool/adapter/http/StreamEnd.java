package dev.spool.adapter.http;

import dev.spool.application.model.StoredEvent;
import dev.spool.application.port.in.WatchBatch;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.event.BatchCompleted;
import dev.spool.domain.event.BatchEvent;
import dev.spool.domain.event.BatchProgressed;
import dev.spool.domain.event.BatchStatusChanged;
import dev.spool.domain.progress.Progress;
import java.util.Optional;

/**
 * When a progress stream is over. A batch that had finished and drained when the stream opened is
 * over at its final event: a stream that resumes before it replays up to it, and one that missed it
 * or saw it already is sent it again, so an {@code EventSource} that reconnects after the end gets
 * the end again instead of a new snapshot. Otherwise the stream ends after a later {@code
 * batch.complete}, or once a cancelled batch has nothing in flight or pending. Replayed events that
 * the snapshot already reflects never end it: a {@code batch.complete} followed by a retry round is
 * history, not the end.
 */
final class StreamEnd {
  private final long historyEnd;
  private final Optional<StoredEvent> finalEvent;
  private boolean cancelled;
  private boolean finished;

  private StreamEnd(
      long historyEnd, Optional<StoredEvent> finalEvent, boolean cancelled, boolean finished) {
    this.historyEnd = historyEnd;
    this.finalEvent = finalEvent;
    this.cancelled = cancelled;
    this.finished = finished;
  }

  static StreamEnd from(WatchBatch.Watch watch) {
    BatchStatus status = watch.snapshot().batch().status();
    boolean over = status.isFinished() && settled(watch.snapshot().progress());
    return new StreamEnd(
        watch.historyEnd(),
        over ? watch.finalEvent() : Optional.empty(),
        status == BatchStatus.CANCELLED,
        status.isFinished());
  }

  /** The event that ended the batch, if it was over when the stream opened. */
  Optional<StoredEvent> finalEvent() {
    return finalEvent;
  }

  /** Whether a client that resumes after {@code lastSeen} has nothing left to replay. */
  boolean nothingLeftAfter(long lastSeen) {
    return finalEvent.isPresent() && lastSeen >= finalEvent.get().sequence();
  }

  /** Whether the batch has finished (and so may have been deleted) as far as the stream saw. */
  boolean finished() {
    return finished;
  }

  /**
   * Nothing in flight and nothing pending: a big cancelled batch's pending items are cancelled in
   * chunks after the cancel, and its stream shows them go before it ends.
   */
  private static boolean settled(Progress progress) {
    return progress.inProgress() == 0 && progress.pending() == 0;
  }

  /**
   * Whether the stream ends once {@code stored} is sent. Only a batch's own events can end it, so
   * an item event is never read back from its JSON.
   */
  boolean after(StoredEvent stored) {
    if (finalEvent.isPresent()) {
      return stored.sequence() >= finalEvent.get().sequence();
    }
    if (stored.sequence() <= historyEnd || !BatchEvent.isAboutTheBatch(stored.type())) {
      return false;
    }
    switch (stored.event()) {
      case BatchCompleted completed -> {
        return true;
      }
      case BatchStatusChanged changed -> {
        cancelled = changed.change() == BatchStatusChanged.Change.CANCELLED;
        finished = changed.status().isFinished();
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
