package dev.spool.adapter.persistence;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.event.BatchCompleted;
import dev.spool.domain.event.BatchEvent;
import dev.spool.domain.event.BatchProgressed;
import dev.spool.domain.event.BatchStatusChanged;
import dev.spool.domain.event.ItemCompleted;
import dev.spool.domain.event.ItemFailed;
import dev.spool.domain.event.ItemStarted;
import dev.spool.domain.progress.Progress;
import dev.spool.domain.question.QuestionId;
import java.io.IOException;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Events as batch_events rows: the type and a payload in the names of seed 002's stream, so
 * downstream consumers can read the table directly.
 */
final class EventCodec {
  private EventCodec() {}

  /**
   * The payload, written through {@code texts}, with {@code at} as the event's time in ISO-8601.
   */
  static String payload(Json.Texts texts, BatchEvent event, String at) {
    return texts.object(g -> {
      switch (event) {
        case ItemStarted e -> {
          g.writeStringField("itemId", e.itemId().toString());
          g.writeNumberField("index", e.index());
          g.writeNumberField("total", e.total());
          g.writeNumberField("attempt", e.attempt());
        }
        case ItemCompleted e -> {
          g.writeStringField("itemId", e.itemId().toString());
          g.writeStringField("questionId", e.questionId().toString());
          g.writeNumberField("index", e.index());
          g.writeNumberField("total", e.total());
        }
        case ItemFailed e -> {
          g.writeStringField("itemId", e.itemId().toString());
          g.writeNumberField("index", e.index());
          g.writeStringField("errorCode", e.errorCode());
          g.writeStringField("error", e.error());
          g.writeNumberField("attempt", e.attempt());
          g.writeBooleanField("willRetry", e.willRetry());
        }
        case BatchProgressed e -> progress(g, e.progress());
        case BatchStatusChanged e -> g.writeStringField("status", e.status().wireName());
        case BatchCompleted e -> {
          g.writeStringField("status", e.status().wireName());
          g.writeNumberField("totalCompleted", e.totalCompleted());
          g.writeNumberField("totalFailed", e.totalFailed());
          g.writeNumberField("duration_ms", e.durationMs());
          g.writeNumberField("throughput", e.throughput());
          g.writeStringField("reason", e.reason().orElse(null));
        }
      }
      g.writeStringField("timestamp", at);
    });
  }

  private static void progress(JsonGenerator g, Progress p) throws IOException {
    g.writeNumberField("total", p.total());
    g.writeNumberField("completed", p.completed());
    g.writeNumberField("failed", p.failed());
    g.writeNumberField("cancelled", p.cancelled());
    g.writeNumberField("pending", p.pending());
    g.writeNumberField("inProgress", p.inProgress());
    g.writeNumberField("progress", p.progress());
    g.writeFieldName("throughput");
    if (p.throughput().isPresent()) {
      g.writeNumber(p.throughput().getAsDouble());
    } else {
      g.writeNull();
    }
    g.writeFieldName("eta_seconds");
    if (p.etaSeconds().isPresent()) {
      g.writeNumber(p.etaSeconds().getAsLong());
    } else {
      g.writeNull();
    }
  }

  static BatchEvent read(BatchId batch, String type, String payload) {
    JsonNode n = Json.read(payload);
    var at = Json.instant(n, "timestamp");
    return switch (type) {
      case "item.started" ->
          new ItemStarted(
              batch,
              item(n),
              n.get("index").asInt(),
              n.get("total").asInt(),
              n.get("attempt").asInt(),
              at);
      case "item.completed" ->
          new ItemCompleted(
              batch,
              item(n),
              new QuestionId(UUID.fromString(n.get("questionId").asText())),
              n.get("index").asInt(),
              n.get("total").asInt(),
              at);
      case "item.failed" ->
          new ItemFailed(
              batch,
              item(n),
              n.get("index").asInt(),
              n.get("errorCode").asText(),
              n.get("error").asText(),
              n.get("attempt").asInt(),
              n.get("willRetry").asBoolean(),
              at);
      case "batch.progress" -> new BatchProgressed(batch, progress(n), at);
      case "batch.complete" ->
          new BatchCompleted(
              batch,
              status(n),
              n.get("totalCompleted").asInt(),
              n.get("totalFailed").asInt(),
              n.get("duration_ms").asLong(),
              n.get("throughput").asDouble(),
              Json.optionalText(n, "reason"),
              at);
      default -> statusChange(batch, type, n, at);
    };
  }

  private static BatchEvent statusChange(
      BatchId batch, String type, JsonNode n, java.time.Instant at) {
    if (!type.startsWith("batch.")) {
      throw new IllegalStateException("unknown stored event type " + type);
    }
    var change =
        BatchStatusChanged.Change.valueOf(
            type.substring("batch.".length()).toUpperCase(Locale.ROOT));
    return new BatchStatusChanged(batch, change, status(n), at);
  }

  private static Progress progress(JsonNode n) {
    JsonNode throughput = n.get("throughput");
    JsonNode eta = n.get("eta_seconds");
    return new Progress(
        n.get("total").asInt(),
        n.get("completed").asInt(),
        n.get("failed").asInt(),
        n.get("cancelled").asInt(),
        n.get("pending").asInt(),
        n.get("inProgress").asInt(),
        n.get("progress").asDouble(),
        throughput.isNull() ? OptionalDouble.empty() : OptionalDouble.of(throughput.asDouble()),
        eta.isNull() ? OptionalLong.empty() : OptionalLong.of(eta.asLong()));
  }

  private static ItemId item(JsonNode n) {
    return new ItemId(UUID.fromString(n.get("itemId").asText()));
  }

  private static BatchStatus status(JsonNode n) {
    return BatchStatus.fromWireName(n.get("status").asText()).orElseThrow();
  }
}
