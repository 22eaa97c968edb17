package dev.spool.application.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.model.StoredEvent;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.batch.PauseReason;
import dev.spool.domain.event.BatchCompleted;
import dev.spool.domain.event.BatchStatusChanged;
import dev.spool.domain.event.ItemStarted;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebhookEventTypesTest {
  private final BatchId batch = new BatchId(UUID.randomUUID());
  private final Instant at = Instant.parse("2026-12-03T10:00:00Z");

  private StoredEvent completed(BatchStatus status) {
    return new StoredEvent(
        7, new BatchCompleted(batch, status, 3, 1, 1_000, 3.0, Optional.empty(), at));
  }

  @Test
  void a_batch_that_ends_failed_is_sent_as_batch_failed_and_any_other_end_as_batch_complete() {
    assertThat(WebhookEventTypes.of(completed(BatchStatus.FAILED))).contains("batch.failed");
    assertThat(WebhookEventTypes.of(completed(BatchStatus.COMPLETED))).contains("batch.complete");
    assertThat(WebhookEventTypes.of(completed(BatchStatus.COMPLETED_WITH_ERRORS)))
        .contains("batch.complete");
  }

  @Test
  void status_changes_keep_their_stream_names_and_item_events_are_not_sent() {
    StoredEvent paused =
        new StoredEvent(
            8,
            new BatchStatusChanged(
                batch,
                BatchStatusChanged.Change.PAUSED,
                BatchStatus.PAUSED,
                Optional.of(PauseReason.BUDGET_EXHAUSTED),
                at));
    StoredEvent started =
        new StoredEvent(9, new ItemStarted(batch, new ItemId(UUID.randomUUID()), 0, 3, 1, at));

    assertThat(WebhookEventTypes.of(paused)).contains("batch.paused");
    assertThat(WebhookEventTypes.of(started)).isEmpty();
  }
}
