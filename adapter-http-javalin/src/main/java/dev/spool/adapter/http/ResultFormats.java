package dev.spool.adapter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.application.model.ResultRow;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.config.ItemSpec;
import dev.spool.domain.question.AnswerOption;
import dev.spool.domain.question.GeneratedQuestion;
import dev.spool.domain.question.QuestionRules;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The formats a batch's results leave in: JSON Lines, one object per item, like the output files of
 * OpenAI's and Anthropic's batch APIs; and CSV (RFC 4180), one row per item with the options in
 * columns. Both are written row by row as they are read.
 */
enum ResultFormats {
  JSONL("jsonl", "application/jsonl", List.of("application/jsonl", "application/x-ndjson")),
  CSV("csv", "text/csv", List.of("text/csv"));

  private final String name;
  private final String mediaType;
  private final List<String> accepted;

  ResultFormats(String name, String mediaType, List<String> accepted) {
    this.name = name;
    this.mediaType = mediaType;
    this.accepted = accepted;
  }

  String mediaType() {
    return mediaType;
  }

  String extension() {
    return name;
  }

  /**
   * The format a request asks for: {@code ?format=} first, then its {@code Accept} header (JSON
   * Lines for none, or for any type). 406 naming the formats otherwise.
   */
  static ResultFormats of(Context ctx) {
    Optional<String> format = Requests.query(ctx, "format");
    if (format.isPresent()) {
      String wanted = format.get().trim().toLowerCase(Locale.ROOT);
      for (ResultFormats f : values()) {
        if (f.name.equals(wanted)) {
          return f;
        }
      }
      throw notAcceptable("format=" + format.get());
    }
    String accept = Requests.header(ctx, "Accept").orElse("").toLowerCase(Locale.ROOT);
    if (accept.isBlank()) {
      return JSONL;
    }
    for (String range : accept.split(",")) {
      String type = range.split(";")[0].trim();
      if (type.equals("*/*") || type.equals("application/*")) {
        return JSONL;
      }
      if (type.equals("text/*")) {
        return CSV;
      }
      for (ResultFormats f : values()) {
        if (f.accepted.contains(type)) {
          return f;
        }
      }
    }
    throw notAcceptable("Accept: " + accept);
  }

  private static ApiError notAcceptable(String asked) {
    return new ApiError(
        406,
        "NOT_ACCEPTABLE",
        "results come as JSON Lines (format=jsonl, Accept: application/jsonl) or CSV (format=csv,"
            + " Accept: text/csv), not "
            + asked);
  }

  /** Writes {@code rows} to {@code out} in this format, one at a time. */
  RowWriter writer(Writer out, ObjectMapper json) {
    return switch (this) {
      case JSONL ->
          row -> {
            try {
              out.write(json.writeValueAsString(jsonLine(row)));
              out.write('\n');
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          };
      case CSV -> csv(out);
    };
  }

  /** Writes one row; {@link #finish} flushes what is buffered. */
  interface RowWriter {
    void write(ResultRow row);

    default void finish() {}
  }

  private static final List<String> OPTION_COLUMNS = optionColumns();

  private static List<String> optionColumns() {
    List<String> columns = new ArrayList<>();
    for (int i = 0; i < QuestionRules.MAX_OPTIONS; i++) {
      columns.add("option_" + (char) ('a' + i));
    }
    return columns;
  }

  private static RowWriter csv(Writer out) {
    List<String> header = new ArrayList<>();
    header.addAll(
        List.of("item_id", "index", "name", "status", "question_id", "type", "difficulty", "stem"));
    header.addAll(OPTION_COLUMNS);
    header.addAll(
        List.of(
            "correct",
            "explanation",
            "prompt_tokens",
            "completion_tokens",
            "cost_usd",
            "started_at",
            "completed_at",
            "error_code",
            "error_message"));
    CSVPrinter printer;
    try {
      printer =
          CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get().print(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RowWriter() {
      @Override
      public void write(ResultRow row) {
        BatchItem item = row.item();
        Optional<GeneratedQuestion> q = row.question().map(s -> s.question());
        List<Object> values = new ArrayList<>();
        values.add(item.id().value());
        values.add(item.position());
        values.add(name(item.spec()));
        values.add(item.status().wireName());
        values.add(row.question().map(s -> s.id().value()).orElse(null));
        values.add(q.map(x -> x.type().wireName()).orElse(null));
        values.add(q.map(x -> x.difficulty().wireName()).orElse(null));
        values.add(q.map(GeneratedQuestion::stem).orElse(null));
        List<AnswerOption> options = q.map(GeneratedQuestion::options).orElse(List.of());
        for (int i = 0; i < OPTION_COLUMNS.size(); i++) {
          values.add(i < options.size() ? options.get(i).text() : null);
        }
        values.add(q.map(GeneratedQuestion::correctLabel).orElse(null));
        values.add(q.map(GeneratedQuestion::explanation).orElse(null));
        values.add(item.tokens().promptTokens());
        values.add(item.tokens().completionTokens());
        values.add(row.cost().toUsd().toPlainString());
        values.add(row.startedAt().map(Instant::toString).orElse(null));
        values.add(row.completedAt().map(Instant::toString).orElse(null));
        values.add(item.lastError().map(e -> e.code()).orElse(null));
        values.add(item.lastError().map(e -> e.message()).orElse(null));
        try {
          printer.printRecord(values);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void finish() {
        try {
          printer.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  private static String name(ItemSpec spec) {
    return switch (spec) {
      case ItemSpec.Prompt p -> p.name();
      case ItemSpec.Question q -> null;
    };
  }

  /** One line of JSON Lines: the item, its question or error, tokens, cost and times. */
  static Map<String, Object> jsonLine(ResultRow row) {
    BatchItem item = row.item();
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("itemId", item.id().value());
    line.put("index", item.position());
    switch (item.spec()) {
      case ItemSpec.Prompt p -> {
        line.put("name", p.name());
        line.put("spec", Views.fields("kind", "prompt", "name", p.name(), "prompt", p.prompt()));
      }
      case ItemSpec.Question q -> {
        line.put("name", null);
        line.put(
            "spec",
            Views.fields(
                "kind", "question",
                "questionType", q.type().wireName(),
                "difficulty", q.difficulty().wireName()));
      }
    }
    line.put("status", item.status().wireName());
    line.put(
        "question",
        row.question()
            .map(s -> {
              GeneratedQuestion q = s.question();
              Map<String, Object> view = new LinkedHashMap<>();
              view.put("id", s.id().value());
              view.put("type", q.type().wireName());
              view.put("difficulty", q.difficulty().wireName());
              view.put("stem", q.stem());
              view.put(
                  "options",
                  q.options().stream()
                      .map(o -> Views.fields("label", o.label(), "text", o.text()))
                      .toList());
              view.put("correct", q.correctLabel());
              view.put("explanation", q.explanation());
              view.put("provider", q.provider());
              view.put("model", q.model());
              return view;
            })
            .orElse(null));
    line.put(
        "error",
        item.lastError()
            .filter(e -> row.question().isEmpty())
            .map(e -> Views.fields("code", e.code(), "message", e.message()))
            .orElse(null));
    line.put("tokens", Views.tokens(item.tokens()));
    line.put("costUsd", row.cost().isPositive() ? row.cost().toUsd() : null);
    line.put("attempts", item.attempts());
    line.put("startedAt", row.startedAt().orElse(null));
    line.put("completedAt", row.completedAt().orElse(null));
    return line;
  }
}
