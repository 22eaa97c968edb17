package dev.spool.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.application.catalogue.Catalogue;
import dev.spool.application.catalogue.CatalogueRow;
import dev.spool.application.catalogue.Course;
import dev.spool.application.catalogue.CourseSummary;
import dev.spool.application.catalogue.ImportSummary;
import dev.spool.application.catalogue.Topic;
import dev.spool.application.port.in.Actor;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The course catalogue under {@code /api/v1/catalogue}: searching and reading courses for anyone
 * signed in; putting, deleting and importing them (JSON per course, or a CSV file) for the
 * catalogue administrators.
 */
final class CatalogueRoutes {
  static final String BASE = BatchRoutes.BASE_V1 + "/catalogue";
  static final String COURSES = BASE + "/courses";
  static final String COURSE = COURSES + "/{courseId}";
  static final List<String> CSV_COLUMNS = List.of("kind", "id", "code", "title", "course_id");
  private static final int DEFAULT_LIMIT = 20;

  private final Catalogue catalogue;
  private final Authentication auth;
  private final ObjectMapper mapper;
  private final long maxBody;

  CatalogueRoutes(Catalogue catalogue, Authentication auth, ObjectMapper mapper, long maxBody) {
    this.catalogue = catalogue;
    this.auth = auth;
    this.mapper = mapper;
    this.maxBody = maxBody;
  }

  void register(JavalinConfig config) {
    var routes = config.routes;
    routes.get(COURSES, this::search);
    routes.get(COURSE, this::get);
    routes.put(COURSE, this::put);
    routes.delete(COURSE, this::delete);
    routes.post(BASE + "/import", this::importCsv);
  }

  private void search(Context ctx) {
    Actor actor = auth.actor(ctx);
    int limit = Requests.wholeNumber(ctx, "limit").orElse(DEFAULT_LIMIT);
    List<CourseSummary> found = catalogue.search(actor, Requests.query(ctx, "q").orElse(""), limit);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("items", found.stream().map(CatalogueRoutes::summary).toList());
    data.put("editable", catalogue.editable());
    ctx.json(Envelope.ok(data));
  }

  private void get(Context ctx) {
    Actor actor = auth.actor(ctx);
    ctx.json(Envelope.ok(course(catalogue.course(actor, Requests.uuid(ctx, "courseId")))));
  }

  private void put(Context ctx) {
    Actor actor = auth.actor(ctx);
    UUID id = Requests.uuid(ctx, "courseId");
    JsonNode body = Requests.jsonObject(mapper, Requests.jsonBody(ctx, maxBody));
    Requests.onlyFields(body, Set.of("code", "title", "slos", "concepts"), "");
    Course course =
        new Course(
            id,
            text(body, "code", "code"),
            text(body, "title", "title"),
            topics(body, "slos"),
            topics(body, "concepts"));
    ctx.json(Envelope.ok(course(catalogue.put(actor, course))));
  }

  private void delete(Context ctx) {
    Actor actor = auth.actor(ctx);
    UUID id = Requests.uuid(ctx, "courseId");
    catalogue.delete(actor, id);
    ctx.json(Envelope.ok(Map.of("id", id, "deleted", true)));
  }

  private void importCsv(Context ctx) {
    Actor actor = auth.actor(ctx);
    String text = utf8(Requests.body(ctx, "text/csv", maxBody));
    ImportSummary summary = catalogue.importRows(actor, rows(text));
    ctx.json(
        Envelope.ok(
            Map.of(
                "courses", summary.courses(),
                "slos", summary.slos(),
                "concepts", summary.concepts())));
  }

  /**
   * The rows of a CSV file with the header {@link #CSV_COLUMNS}, in any order, each with its line.
   */
  static List<CatalogueRow> rows(String text) {
    String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();
    List<CatalogueRow> rows = new ArrayList<>();
    try (CSVParser parser =
        CSVParser.builder().setReader(new StringReader(csv)).setFormat(format).get()) {
      List<String> header = parser.getHeaderNames();
      List<String> missing = CSV_COLUMNS.stream().filter(c -> !header.contains(c)).toList();
      List<String> unknown = header.stream().filter(c -> !CSV_COLUMNS.contains(c)).toList();
      List<String> twice =
          header.stream()
              .filter(c -> header.indexOf(c) != header.lastIndexOf(c))
              .distinct()
              .toList();
      if (!twice.isEmpty()) {
        throw ApiError.invalid(
            "lines[1]", "invalid", "the first line names " + String.join(", ", twice) + " twice");
      }
      if (!missing.isEmpty() || !unknown.isEmpty()) {
        throw ApiError.invalid(
            "lines[1]",
            "invalid",
            "the first line must name the columns "
                + String.join(",", CSV_COLUMNS)
                + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing))
                + (unknown.isEmpty() ? "" : "; unknown: " + String.join(", ", unknown)));
      }
      int[] lineStarts = lineStarts(csv);
      for (CSVRecord record : parser) {
        if (record.stream().allMatch(String::isBlank)) {
          // a line of spaces, or of empty cells (",,,,"), as spreadsheets leave at the end
          continue;
        }
        // a record's position is where the parser began, before the empty lines it skipped
        int start = (int) record.getCharacterPosition();
        while (start < csv.length() && (csv.charAt(start) == '\n' || csv.charAt(start) == '\r')) {
          start++;
        }
        int line = lineOf(lineStarts, start);
        if (!record.isConsistent()) {
          throw ApiError.invalid(
              "lines[" + line + "]",
              "invalid",
              "line "
                  + line
                  + " has "
                  + record.size()
                  + " cells; the header names "
                  + header.size());
        }
        rows.add(
            new CatalogueRow(
                line,
                record.get("kind"),
                record.get("id"),
                record.get("code"),
                record.get("title"),
                record.get("course_id")));
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      // a quote left open, or a line the parser cannot read
      throw ApiError.malformed("the CSV could not be read: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      // a header naming a column twice
      throw ApiError.malformed("the CSV could not be read: " + e.getMessage());
    }
    return rows;
  }

  /** Where each line of the text starts, as a character offset; CRLF, LF and CR end lines. */
  private static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The 1-based line holding the character at this offset. */
  private static int lineOf(int[] lineStarts, int offset) {
    int found = java.util.Arrays.binarySearch(lineStarts, offset);
    return (found >= 0 ? found : -found - 2) + 1;
  }

  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiError.malformed("the CSV must be UTF-8 text");
    }
  }

  private static String text(JsonNode node, String name, String field) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return "";
    }
    if (!value.isTextual()) {
      throw ApiError.invalid(field, "wrong_type", field + " must be a string");
    }
    return value.textValue();
  }

  private static List<Topic> topics(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw ApiError.invalid(field, "wrong_type", field + " must be an array");
    }
    List<Topic> topics = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode topic = value.get(i);
      String at = field + "[" + i + "]";
      if (!topic.isObject()) {
        throw ApiError.invalid(at, "wrong_type", at + " must be an object");
      }
      Requests.onlyFields(topic, Set.of("id", "code", "title"), at + ".");
      String id = text(topic, "id", at + ".id");
      UUID uuid;
      try {
        uuid = UUID.fromString(id);
      } catch (IllegalArgumentException e) {
        throw ApiError.invalid(at + ".id", "invalid", at + ".id must be a UUID");
      }
      topics.add(
          new Topic(uuid, text(topic, "code", at + ".code"), text(topic, "title", at + ".title")));
    }
    return topics;
  }

  static Map<String, Object> summary(CourseSummary course) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", course.id());
    view.put("code", course.code());
    view.put("title", course.title());
    return view;
  }

  static Map<String, Object> course(Course course) {
    Map<String, Object> view = summary(course.summary());
    view.put("slos", course.slos().stream().map(CatalogueRoutes::topic).toList());
    view.put("concepts", course.concepts().stream().map(CatalogueRoutes::topic).toList());
    return view;
  }

  private static Map<String, Object> topic(Topic topic) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", topic.id());
    view.put("code", topic.code());
    view.put("title", topic.title());
    return view;
  }
}
