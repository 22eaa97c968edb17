package dev.spool.adapter.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

  static String payload(BatchEvent event) {
    ObjectNode node = Json.object();
    switch (event) {
      case ItemStarted e ->
          node.put("itemId", e.itemId().toString())
              .put("index", e.index())
              .put("total", e.total())
              .put("attempt", e.attempt());
      case ItemCompleted e ->
          node.put("itemId", e.itemId().toString())
              .put("questionId", e.questionId().toString())
              .put("index", e.index())
              .put("total", e.total());
      case ItemFailed e ->
          node.put("itemId", e.itemId().toString())
              .put("index", e.index())
              .put("errorCode", e.errorCode())
              .put("error", e.error())
              .put("attempt", e.attempt())
              .put("willRetry", e.willRetry());
      case BatchProgressed e -> progress(node, e.progress());
      case BatchStatusChanged e -> node.put("status", e.status().wireName());
      case BatchCompleted e ->
          node.put("status", e.status().wireName())
              .put("totalCompleted", e.totalCompleted())
              .put("totalFailed", e.totalFailed())
              .put("duration_ms", e.durationMs())
              .put("throughput", e.throughput())
              .put("reason", e.reason().orElse(null));
    }
    node.put("timestamp", event.at().toString());
    return Json.write(node);
  }

  private static void progress(ObjectNode node, Progress p) {
    node.put("total", p.total())
        .put("completed", p.completed())
        .put("failed", p.failed())
        .put("cancelled", p.cancelled())
        .put("pending", p.pending())
        .put("inProgress", p.inProgress())
        .put("progress", p.progress());
    if (p.throughput().isPresent()) {
      node.put("throughput", p.throughput().getAsDouble());
    } else {
      node.putNull("throughput");
    }
    if (p.etaSeconds().isPresent()) {
      node.put("eta_seconds", p.etaSeconds().getAsLong());
    } else {
      node.putNull("eta_seconds");
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
