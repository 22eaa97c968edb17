package dev.spool.application.model;

import dev.spool.domain.batch.BatchId;
import dev.spool.domain.event.BatchEvent;
import dev.spool.domain.event.EventJson;
import java.util.Objects;

/**
 * An event as the log keeps it: its wire JSON, made once by {@link EventJson} when it was appended,
 * which a stream sends as it is. {@link #event()} reads the JSON back for a consumer that must act
 * on what happened; it does so at most once, however many consumers share this value.
 *
 * @see #sequence() its place in the log; increasing, so a watcher can resume after it
 */
public final class StoredEvent {
  private final long sequence;
  private final BatchId batchId;
  private final String type;
  private final String json;
  private volatile BatchEvent event;

  public StoredEvent(long sequence, BatchId batchId, String type, String json) {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequences start at 1");
    }
    this.sequence = sequence;
    this.batchId = Objects.requireNonNull(batchId, "batchId");
    this.type = Objects.requireNonNull(type, "type");
    this.json = Objects.requireNonNull(json, "json");
  }

  /** {@code event}, encoded, as the log would keep it under {@code sequence}. */
  public StoredEvent(long sequence, BatchEvent event) {
    this(sequence, event.batchId(), event.type(), EventJson.encode(event));
    this.event = event;
  }

  public long sequence() {
    return sequence;
  }

  public BatchId batchId() {
    return batchId;
  }

  /** The event's name on the wire, such as {@code item.started}. */
  public String type() {
    return type;
  }

  /** The event's wire JSON, exactly as appended. */
  public String json() {
    return json;
  }

  /** What happened, read from the JSON once. */
  public BatchEvent event() {
    BatchEvent read = event;
    if (read == null) {
      read = EventJson.decode(batchId, type, json);
      event = read;
    }
    return read;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StoredEvent that
        && sequence == that.sequence
        && batchId.equals(that.batchId)
        && type.equals(that.type)
        && json.equals(that.json);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sequence, batchId, type, json);
  }

  @Override
  public String toString() {
    return "StoredEvent[" + sequence + " " + type + " " + json + "]";
  }
}
