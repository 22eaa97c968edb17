package dev.spool.application.webhook;

import dev.spool.application.model.StoredEvent;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.event.BatchCompleted;
import java.util.List;
import java.util.Optional;

/**
 * The events an endpoint can ask for. They are the stream's batch-level event names, except that a
 * batch that ends {@code failed} is sent as {@code batch.failed} rather than {@code
 * batch.complete}, so a receiver can ask for failures alone.
 */
public final class WebhookEventTypes {
  public static final String COMPLETE = "batch.complete";
  public static final String FAILED = "batch.failed";

  /** Every type an endpoint may subscribe to. */
  public static final List<String> ALL =
      List.of(
          COMPLETE,
          FAILED,
          "batch.paused",
          "batch.cancelled",
          "batch.started",
          "batch.resumed",
          "batch.retrying",
          "batch.awaiting_approval",
          "batch.approved",
          "batch.rejected");

  private WebhookEventTypes() {}

  /** The webhook type of a committed batch event, or empty if webhooks do not carry it. */
  public static Optional<String> of(StoredEvent event) {
    if (event.type().equals(BatchCompleted.TYPE)) {
      BatchCompleted completed = (BatchCompleted) event.event();
      return Optional.of(completed.status() == BatchStatus.FAILED ? FAILED : COMPLETE);
    }
    return ALL.contains(event.type()) ? Optional.of(event.type()) : Optional.empty();
  }
}
