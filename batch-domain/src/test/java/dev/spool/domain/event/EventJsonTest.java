package dev.spool.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.batch.PauseReason;
import dev.spool.domain.money.Money;
import dev.spool.domain.money.Spend;
import dev.spool.domain.progress.Progress;
import dev.spool.domain.question.QuestionId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventJsonTest {
  private static final BatchId BATCH = new BatchId(UUID.randomUUID());
  private static final ItemId ITEM = new ItemId(UUID.randomUUID());
  private static final Instant AT = Instant.parse("2026-12-03T12:00:00.123456Z");

  private static final Progress PROGRESS =
      new Progress(10, 4, 1, 0, 3, 2, 0.5, OptionalDouble.of(2.25), OptionalLong.of(3));

  private static List<BatchEvent> everyKind() {
    return List.of(
        new ItemStarted(BATCH, ITEM, 3, 10, 1, AT),
        new ItemCompleted(
            BATCH, ITEM, new QuestionId(UUID.randomUUID()), 3, 10, "Which \"valve\" — é?", AT),
        new ItemFailed(
            BATCH, ITEM, 3, "batch_item_failed", "said \"no\"\n\ttwice \u2028 ü", 3, false, AT),
        new BatchProgressed(BATCH, PROGRESS, AT),
        new BatchProgressed(
            BATCH,
            new Progress(10, 0, 0, 0, 10, 0, 0, OptionalDouble.empty(), OptionalLong.empty()),
            AT),
        new BatchProgressed(
            BATCH,
            PROGRESS.withSpend(
                new Spend(
                    Money.usd("0.000075"),
                    Optional.of(Money.usd("0.1875")),
                    Optional.of(Money.usd("0.50")))),
            AT),
        new BatchStatusChanged(BATCH, BatchStatusChanged.Change.RETRYING, BatchStatus.RUNNING, AT),
        new BatchStatusChanged(
            BATCH,
            BatchStatusChanged.Change.PAUSED,
            BatchStatus.PAUSED,
            Optional.of(PauseReason.BUDGET_EXHAUSTED),
            AT),
        new BatchCompleted(BATCH, BatchStatus.FAILED, 0, 10, 1234, 0.0, Optional.of("bad key"), AT),
        new BatchCompleted(BATCH, BatchStatus.COMPLETED, 10, 0, 1234, 8.1, Optional.empty(), AT));
  }

  @Test
  void every_kind_of_event_reads_back_as_the_event_it_was() {
    for (BatchEvent event : everyKind()) {
      assertThat(EventJson.decode(BATCH, event.type(), EventJson.encode(event))).isEqualTo(event);
    }
  }

  @Test
  void the_wire_names_are_those_of_the_seed_stream() {
    assertThat(EventJson.encode(new BatchProgressed(BATCH, PROGRESS, AT)))
        .isEqualTo(
            "{\"total\":10,\"completed\":4,\"failed\":1,\"cancelled\":0,\"pending\":3,"
                + "\"inProgress\":2,\"progress\":0.5,\"throughput\":2.25,\"eta_seconds\":3,"
                + "\"spentUsd\":0.0,\"projectedCostUsd\":null,\"budgetUsd\":null,"
                + "\"timestamp\":\"2026-12-03T12:00:00.123456Z\"}");
    assertThat(EventJson.encode(everyKind().get(2)))
        .contains("\"errorCode\":\"batch_item_failed\"")
        .contains("\"willRetry\":false")
        .contains("said \\\"no\\\"\\n\\ttwice \\u2028 ü");
  }

  @Test
  void json_the_log_has_put_in_its_own_normal_form_still_reads() {
    String jsonb = "{\"status\": \"paused\", \"timestamp\": \"2026-12-03T12:00:00.123456Z\"}";

    assertThat(EventJson.decode(BATCH, "batch.paused", jsonb))
        .isEqualTo(
            new BatchStatusChanged(
                BATCH, BatchStatusChanged.Change.PAUSED, BatchStatus.PAUSED, AT));
  }

  @Test
  void a_throughput_that_is_not_a_number_is_written_as_null_so_the_json_stays_valid() {
    String json =
        EventJson.encode(
            new BatchCompleted(
                BATCH, BatchStatus.COMPLETED, 1, 0, 0, Double.NaN, Optional.empty(), AT));

    assertThat(json).contains("\"throughput\":null");
  }

  @Test
  void the_opening_snapshot_is_a_progress_with_the_batch_status() {
    assertThat(EventJson.snapshot(PROGRESS, BatchStatus.PAUSED, AT))
        .startsWith("{\"total\":10,")
        .endsWith(",\"status\":\"paused\",\"timestamp\":\"2026-12-03T12:00:00.123456Z\"}");
  }

  @Test
  void malformed_or_unknown_stored_json_is_refused_not_guessed() {
    assertThatThrownBy(() -> EventJson.decode(BATCH, "batch.paused", "{\"status\": "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventJson.decode(BATCH, "item.started", "{}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventJson.decode(BATCH, "other", "{\"timestamp\":\"" + AT + "\"}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_completion_stored_before_previews_were_kept_reads_with_an_empty_preview() {
    String old =
        "{\"itemId\":\""
            + ITEM
            + "\",\"questionId\":\""
            + UUID.randomUUID()
            + "\",\"index\":1,\"total\":2,\"timestamp\":\"2026-01-01T00:00:00Z\"}";

    BatchEvent event = EventJson.decode(BATCH, ItemCompleted.TYPE, old);

    assertThat(((ItemCompleted) event).stemPreview()).isEmpty();
  }
}
