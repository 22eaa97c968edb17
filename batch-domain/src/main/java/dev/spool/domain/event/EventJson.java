package dev.spool.domain.event;

import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.batch.PauseReason;
import dev.spool.domain.money.Money;
import dev.spool.domain.money.Spend;
import dev.spool.domain.progress.Progress;
import dev.spool.domain.question.QuestionId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The one wire form of events, with the field names of seed 002's stream. An event is encoded once,
 * when it is appended to the log; the log keeps that JSON and a stream sends it as it is. Reading
 * it back into a {@link BatchEvent} is for a consumer that must act on its meaning (a stream that
 * ends after {@code batch.complete}), never for sending it on.
 */
public final class EventJson {
  private EventJson() {}

  public static String encode(BatchEvent event) {
    JsonWriter w = new JsonWriter();
    switch (event) {
      case ItemStarted e ->
          w.text("itemId", e.itemId().toString())
              .number("index", e.index())
              .number("total", e.total())
              .number("attempt", e.attempt());
      case ItemCompleted e ->
          w.text("itemId", e.itemId().toString())
              .text("questionId", e.questionId().toString())
              .number("index", e.index())
              .number("total", e.total())
              .text("stemPreview", e.stemPreview());
      case ItemFailed e ->
          w.text("itemId", e.itemId().toString())
              .number("index", e.index())
              .text("errorCode", e.errorCode())
              .text("error", e.error())
              .number("attempt", e.attempt())
              .bool("willRetry", e.willRetry());
      case BatchProgressed e -> progress(w, e.progress());
      case BatchStatusChanged e -> {
        w.text("status", e.status().wireName());
        e.reason().ifPresent(r -> w.text("reason", r.wireName()));
      }
      case BatchCompleted e ->
          w.text("status", e.status().wireName())
              .number("totalCompleted", e.totalCompleted())
              .number("totalFailed", e.totalFailed())
              .number("duration_ms", e.durationMs())
              .number("throughput", e.throughput())
              .text("reason", e.reason().orElse(null));
    }
    return w.text("timestamp", IsoInstant.of(event.at())).end();
  }

  /** The {@code batch.progress} a stream opens with: where the batch stands, and its status. */
  public static String snapshot(Progress progress, BatchStatus status, Instant at) {
    return progress(new JsonWriter(), progress)
        .text("status", status.wireName())
        .text("timestamp", IsoInstant.of(at))
        .end();
  }

  private static JsonWriter progress(JsonWriter w, Progress p) {
    w.number("total", p.total())
        .number("completed", p.completed())
        .number("failed", p.failed())
        .number("cancelled", p.cancelled())
        .number("pending", p.pending())
        .number("inProgress", p.inProgress())
        .number("progress", p.progress());
    if (p.throughput().isPresent()) {
      w.number("throughput", p.throughput().getAsDouble());
    } else {
      w.nil("throughput");
    }
    if (p.etaSeconds().isPresent()) {
      w.number("eta_seconds", p.etaSeconds().getAsLong());
    } else {
      w.nil("eta_seconds");
    }
    Spend spend = p.spend();
    return w.decimal("spentUsd", spend.spent().toUsd())
        .decimal("projectedCostUsd", spend.projected().map(Money::toUsd).orElse(null))
        .decimal("budgetUsd", spend.budget().map(Money::toUsd).orElse(null));
  }

  /** The event {@code json} encodes, of type {@code type} on {@code batch}. */
  public static BatchEvent decode(BatchId batch, String type, String json) {
    Fields f = new Fields(FlatJson.read(json));
    Instant at = Instant.parse(f.text("timestamp"));
    return switch (type) {
      case ItemStarted.TYPE ->
          new ItemStarted(
              batch, f.item(), f.integer("index"), f.integer("total"), f.integer("attempt"), at);
      case ItemCompleted.TYPE ->
          new ItemCompleted(
              batch,
              f.item(),
              new QuestionId(UUID.fromString(f.text("questionId"))),
              f.integer("index"),
              f.integer("total"),
              f.optionalText("stemPreview").orElse(""),
              at);
      case ItemFailed.TYPE ->
          new ItemFailed(
              batch,
              f.item(),
              f.integer("index"),
              f.text("errorCode"),
              f.text("error"),
              f.integer("attempt"),
              (Boolean) f.value("willRetry"),
              at);
      case BatchProgressed.TYPE -> new BatchProgressed(batch, f.progress(), at);
      case BatchCompleted.TYPE ->
          new BatchCompleted(
              batch,
              f.status(),
              f.integer("totalCompleted"),
              f.integer("totalFailed"),
              f.number("duration_ms").longValue(),
              f.number("throughput").doubleValue(),
              Optional.ofNullable((String) f.value("reason")),
              at);
      default -> statusChange(batch, type, f, at);
    };
  }

  private static BatchEvent statusChange(BatchId batch, String type, Fields f, Instant at) {
    if (!BatchEvent.isAboutTheBatch(type)) {
      throw new IllegalArgumentException("unknown event type " + type);
    }
    var change =
        BatchStatusChanged.Change.valueOf(
            type.substring(BatchEvent.BATCH_PREFIX.length()).toUpperCase(Locale.ROOT));
    Optional<PauseReason> reason =
        Optional.ofNullable((String) f.values().get("reason")).flatMap(PauseReason::fromWireName);
    return new BatchStatusChanged(batch, change, f.status(), reason, at);
  }

  /** The fields of one decoded object, read by type. */
  private record Fields(Map<String, Object> values) {
    Object value(String name) {
      if (!values.containsKey(name)) {
        throw new IllegalArgumentException("stored event has no field " + name);
      }
      return values.get(name);
    }

    String text(String name) {
      return (String) value(name);
    }

    /** A field events stored by an older version may lack. */
    java.util.Optional<String> optionalText(String name) {
      return java.util.Optional.ofNullable((String) values.get(name));
    }

    BigDecimal number(String name) {
      return (BigDecimal) value(name);
    }

    int integer(String name) {
      return number(name).intValueExact();
    }

    ItemId item() {
      return new ItemId(UUID.fromString(text("itemId")));
    }

    BatchStatus status() {
      return BatchStatus.fromWireName(text("status")).orElseThrow();
    }

    Progress progress() {
      BigDecimal throughput = number("throughput");
      BigDecimal eta = number("eta_seconds");
      return new Progress(
          integer("total"),
          integer("completed"),
          integer("failed"),
          integer("cancelled"),
          integer("pending"),
          integer("inProgress"),
          number("progress").doubleValue(),
          throughput == null ? OptionalDouble.empty() : OptionalDouble.of(throughput.doubleValue()),
          eta == null ? OptionalLong.empty() : OptionalLong.of(eta.longValueExact()),
          spend());
    }

    /** The money part; events stored before there was one have none. */
    Spend spend() {
      if (!values.containsKey("spentUsd")) {
        return Spend.NONE;
      }
      return new Spend(
          money("spentUsd").orElse(Money.ZERO), money("projectedCostUsd"), money("budgetUsd"));
    }

    Optional<Money> money(String name) {
      BigDecimal usd = (BigDecimal) values.get(name);
      return Optional.ofNullable(usd).map(Money::usd);
    }
  }
}
