package dev.spool.adapter.http;

import dev.spool.domain.event.BatchCompleted;
import dev.spool.domain.event.BatchEvent;
import dev.spool.domain.event.BatchProgressed;
import dev.spool.domain.event.BatchStatusChanged;
import dev.spool.domain.event.ItemCompleted;
import dev.spool.domain.event.ItemFailed;
import dev.spool.domain.event.ItemStarted;
import dev.spool.domain.progress.Progress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code data:} of each SSE event, with seed 002's field names. */
final class EventPayloads {
  private EventPayloads() {}

  static Map<String, Object> of(BatchEvent event) {
    Map<String, Object> data = new LinkedHashMap<>();
    switch (event) {
      case ItemStarted e -> {
        data.put("itemId", e.itemId().value());
        data.put("index", e.index());
        data.put("total", e.total());
        data.put("attempt", e.attempt());
      }
      case ItemCompleted e -> {
        data.put("itemId", e.itemId().value());
        data.put("questionId", e.questionId().value());
        data.put("index", e.index());
        data.put("total", e.total());
      }
      case ItemFailed e -> {
        data.put("itemId", e.itemId().value());
        data.put("index", e.index());
        data.put("error", e.error());
        data.put("errorCode", e.errorCode());
        data.put("attempt", e.attempt());
        data.put("willRetry", e.willRetry());
      }
      case BatchProgressed e -> progress(data, e.progress());
      case BatchStatusChanged e -> data.put("status", e.status().wireName());
      case BatchCompleted e -> {
        data.put("status", e.status().wireName());
        data.put("totalCompleted", e.totalCompleted());
        data.put("totalFailed", e.totalFailed());
        data.put("duration_ms", e.durationMs());
        data.put("throughput", e.throughput());
        data.put("reason", e.reason().orElse(null));
      }
    }
    data.put("timestamp", event.at());
    return data;
  }

  /** The snapshot a stream opens with: a {@code batch.progress} with the batch's status. */
  static Map<String, Object> snapshot(Progress progress, String status, Instant at) {
    Map<String, Object> data = new LinkedHashMap<>();
    progress(data, progress);
    data.put("status", status);
    data.put("timestamp", at);
    return data;
  }

  private static void progress(Map<String, Object> data, Progress p) {
    data.put("completed", p.completed());
    data.put("failed", p.failed());
    data.put("pending", p.pending());
    data.put("inProgress", p.inProgress());
    data.put("cancelled", p.cancelled());
    data.put("total", p.total());
    data.put("progress", p.progress());
    data.put("eta_seconds", p.etaSeconds().isPresent() ? p.etaSeconds().getAsLong() : null);
    data.put("throughput", p.throughput().isPresent() ? p.throughput().getAsDouble() : null);
  }
}
