package dev.spool.application.model;

import dev.spool.domain.batch.UserId;
import java.util.Objects;

/**
 * A batch-level event (a status change or a completion) at its place in commit order, with the
 * owner of its batch: what the owner feed and the webhook outbox follow.
 */
public record CommittedEvent(FeedPosition position, UserId owner, StoredEvent event) {
  public CommittedEvent {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(event, "event");
  }

  /** The event's JSON with its batch's id added first, for consumers that follow many batches. */
  public String jsonWithBatchId() {
    return withBatchId(event);
  }

  /** {@code event}'s JSON with {@code "batchId"} added as its first field. */
  public static String withBatchId(StoredEvent event) {
    String json = event.json();
    String id = "{\"batchId\":\"" + event.batchId().value() + "\"";
    return json.length() <= 2 ? id + "}" : id + "," + json.substring(1);
  }
}
