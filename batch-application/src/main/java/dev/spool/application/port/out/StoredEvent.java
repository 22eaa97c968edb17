package dev.spool.application.port.out;

import dev.spool.domain.event.BatchEvent;
import java.util.Objects;

/**
 * An event as the log keeps it.
 *
 * @param sequence its place in the log; increasing, so a watcher can resume after it
 */
public record StoredEvent(long sequence, BatchEvent event) {
  public StoredEvent {
    Objects.requireNonNull(event, "event");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequences start at 1");
    }
  }
}
