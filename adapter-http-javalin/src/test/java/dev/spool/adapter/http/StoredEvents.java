package dev.spool.adapter.http;

import dev.spool.application.model.StoredEvent;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.event.BatchStatusChanged;
import java.time.Instant;

/** Events as the log hands them to streams, for tests of the streaming parts. */
final class StoredEvents {
  private StoredEvents() {}

  /** {@code batch} paused, stored under {@code sequence}. */
  static StoredEvent paused(BatchId batch, long sequence) {
    return new StoredEvent(
        sequence,
        new BatchStatusChanged(
            batch, BatchStatusChanged.Change.PAUSED, BatchStatus.PAUSED, Instant.EPOCH));
  }
}
