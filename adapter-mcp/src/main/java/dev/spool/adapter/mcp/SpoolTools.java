package dev.spool.adapter.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.application.catalogue.Catalogue;
import dev.spool.application.catalogue.Course;
import dev.spool.application.catalogue.CourseSummary;
import dev.spool.application.catalogue.Topic;
import dev.spool.application.model.BatchOverview;
import dev.spool.application.model.PageRequest;
import dev.spool.application.port.in.CreateBatch;
import dev.spool.application.port.in.UseCases;
import dev.spool.domain.SpoolException;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.CourseId;
import dev.spool.domain.batch.ItemStatus;
import dev.spool.domain.batch.PauseReason;
import dev.spool.domain.config.BatchConfigDraft;
import dev.spool.domain.config.GenerationDraft;
import dev.spool.domain.config.InvalidBatchConfig;
import dev.spool.domain.config.ItemListDraft;
import dev.spool.domain.money.Money;
import dev.spool.domain.progress.Progress;
import dev.spool.domain.question.GeneratedQuestion;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spool's tools for assistants. Each reads its arguments itself, so bad ones come back as a tool
 * error with the API's code and message; each acts as the caller whose token came with the request,
 * under the same owner rules as the API. A batch an assistant creates waits for its owner's
 * approval on the page (unless the server lets small batches skip it).
 */
final class SpoolTools {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolTools.class);
  static final int MAX_RESULTS = 50;

  static final int MAX_COURSES = 10;

  private final UseCases useCases;
  private final Catalogue catalogue;
  private final ObjectMapper json;
  private final Consumer<Caller> seen;

  SpoolTools(UseCases useCases, Catalogue catalogue, ObjectMapper json, Consumer<Caller> seen) {
    this.useCases = useCases;
    this.catalogue = catalogue;
    this.json = json;
    this.seen = seen;
  }

  List<SyncToolSpecification> all() {
    return List.of(
        tool(
            "find_courses",
            "Find courses",
            "Find courses in the catalogue by code or words of the title (every word must match),"
                + " each with its student learning outcomes (slos) and concepts: the ids"
                + " create_batch takes as courseId and scope.",
            Schemas.object(
                Map.of(
                    "query",
                    Schemas.type(
                        "string", "a course code or words of its title, such as 'BIO 101'"),
                    "limit",
                    Map.of("type", "integer", "minimum", 1, "maximum", MAX_COURSES, "default", 5)),
                List.of("query")),
            annotations(true, false, true),
            this::findCourses),
        tool(
            "create_batch",
            "Create a batch",
            "Create a batch of exam questions for a course. Give either items (a name and a prompt"
                + " for each question, as in seed 003's form) or the generation form (targetCount,"
                + " scope, questionType, difficultyDistribution). The batch waits for its owner to"
                + " approve it on its page before anything runs or costs money; tell the user to"
                + " open pageUrl and approve it. Use find_courses first to turn a course's name"
                + " into the courseId and the SLO and concept ids of scope.",
            createSchema(),
            annotations(false, false, false),
            this::create),
        tool(
            "get_batch_progress",
            "Batch progress",
            "Where a batch stands: status, counts, progress, ETA, spend and budget.",
            Schemas.batchId(),
            annotations(true, false, true),
            (caller, args) -> progress(caller, args.uuid("batchId"), "")),
        tool(
            "list_batches",
            "List batches",
            "The caller's batches, newest first, optionally only those of one status.",
            Schemas.object(
                Map.of(
                    "status",
                    Map.of(
                        "type",
                        "string",
                        "enum",
                        List.of(
                            "pending",
                            "running",
                            "paused",
                            "completed",
                            "completed_with_errors",
                            "failed",
                            "cancelled")),
                    "limit",
                    Map.of("type", "integer", "minimum", 1, "maximum", 50, "default", 20),
                    "cursor",
                    Schemas.type("string", "nextCursor from the previous call")),
                List.of()),
            annotations(true, false, true),
            this::list),
        tool(
            "pause_batch",
            "Pause a batch",
            "Stop starting new items of a running batch; items in flight finish and are kept.",
            Schemas.batchId(),
            annotations(false, false, true),
            (caller, args) -> {
              BatchId id = new BatchId(args.uuid("batchId"));
              useCases.pauseBatch().pause(caller.actor(), id);
              return progress(caller, id.value(), "Paused. Items in flight finish and are kept.");
            }),
        tool(
            "resume_batch",
            "Resume a batch",
            "Start a paused batch again.",
            Schemas.batchId(),
            annotations(false, false, true),
            (caller, args) -> {
              BatchId id = new BatchId(args.uuid("batchId"));
              useCases.resumeBatch().resume(caller.actor(), id, Optional.empty());
              return progress(caller, id.value(), "Resumed.");
            }),
        tool(
            "cancel_batch",
            "Cancel a batch",
            "Cancel a batch for good: its pending items are cancelled, its completed questions are"
                + " kept, and items in flight finish and are kept. It cannot be resumed.",
            Schemas.batchId(),
            annotations(false, true, true),
            this::cancel),
        tool(
            "retry_failed_items",
            "Retry failed items",
            "Run a finished batch's failed items again, as a new round.",
            Schemas.batchId(),
            annotations(false, false, false),
            (caller, args) -> {
              BatchId id = new BatchId(args.uuid("batchId"));
              useCases.retryFailedItems().retryFailed(caller.actor(), id);
              return progress(caller, id.value(), "The failed items run again.");
            }),
        tool(
            "get_batch_results",
            "Batch results",
            "The first completed questions of a batch (stem, options, correct answer,"
                + " explanation, difficulty), and a link to export them all as JSON Lines or CSV.",
            Schemas.object(
                Map.of(
                    "batchId",
                    Schemas.uuid("the batch"),
                    "limit",
                    Map.of("type", "integer", "minimum", 1, "maximum", MAX_RESULTS, "default", 10)),
                List.of("batchId")),
            annotations(true, false, true),
            this::results));
  }

  /** Who called, as the transport recorded it, and the address they reached us at. */
  record Caller(dev.spool.application.port.in.Actor actor, String baseUrl) {}

  private SyncToolSpecification tool(
      String name,
      String title,
      String description,
      Map<String, Object> input,
      ToolAnnotations annotations,
      BiFunction<Caller, Args, Map<String, Object>> handler) {
    Set<String> allowed = propertiesOf(input);
    Tool tool =
        Tool.builder(name, input)
            .title(title)
            .description(description)
            .outputSchema(
                name.equals("list_batches")
                        || name.equals("get_batch_results")
                        || name.equals("find_courses")
                    ? Schemas.openObject(Map.of())
                    : Schemas.batchOutput())
            .annotations(annotations)
            .build();
    return SyncToolSpecification.builder()
        .tool(tool)
        .callHandler((exchange, request) -> call(exchange, request, allowed, handler))
        .build();
  }

  @SuppressWarnings("unchecked")
  private static Set<String> propertiesOf(Map<String, Object> schema) {
    return ((Map<String, Object>) schema.get("properties")).keySet();
  }

  private static ToolAnnotations annotations(
      boolean readOnly, boolean destructive, boolean idempotent) {
    return ToolAnnotations.builder()
        .readOnlyHint(readOnly)
        .destructiveHint(destructive)
        .idempotentHint(idempotent)
        .openWorldHint(false)
        .build();
  }

  private CallToolResult call(
      McpSyncServerExchange exchange,
      CallToolRequest request,
      Set<String> allowed,
      BiFunction<Caller, Args, Map<String, Object>> handler) {
    Caller caller = (Caller) exchange.transportContext().get(McpServlet.CALLER);
    if (caller == null) {
      return error("UNAUTHORIZED", "no caller on this session", List.of());
    }
    seen.accept(caller);
    try {
      Map<String, Object> result = handler.apply(caller, new Args(request.arguments(), allowed));
      return CallToolResult.builder()
          .structuredContent(result)
          .addTextContent(text(result))
          .isError(false)
          .build();
    } catch (ToolError e) {
      return error(e.code(), e.getMessage(), List.of(detail(e.field(), "invalid", e.getMessage())));
    } catch (InvalidBatchConfig e) {
      return error(
          e.code(),
          e.getMessage(),
          e.errors().stream().map(f -> detail(f.field(), f.code(), f.message())).toList());
    } catch (SpoolException e) {
      return error(e.code(), e.getMessage(), List.of());
    } catch (RuntimeException e) {
      String incident = UUID.randomUUID().toString();
      LOG.error("MCP tool {} failed; incident {}", request.name(), incident, e);
      return error(
          "INTERNAL_ERROR", "something went wrong on our side; incident " + incident, List.of());
    }
  }

  private static Map<String, Object> detail(String field, String code, String message) {
    return Map.of("field", field, "code", code, "message", message);
  }

  private CallToolResult error(String code, String message, List<Map<String, Object>> details) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("details", details);
    return CallToolResult.builder()
        .structuredContent(Map.of("error", error))
        .addTextContent(code + ": " + message)
        .isError(true)
        .build();
  }

  private String text(Map<String, Object> result) {
    try {
      return json.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      return String.valueOf(result);
    }
  }

  // ---- tools ---------------------------------------------------------------------------------

  private static Map<String, Object> createSchema() {
    Map<String, Object> item =
        Schemas.object(
            Map.of(
                "name", Schemas.type("string", "a short name for the question"),
                "type",
                    Map.of(
                        "type",
                        "string",
                        "enum",
                        List.of("generate"),
                        "description",
                        "seed 003's job type; Spool generates, so only 'generate'"),
                "prompt", Schemas.type("string", "what the question should ask")),
            List.of("name", "prompt"));
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("courseId", Schemas.uuid("the course the questions are for"));
    p.put("name", Schemas.type("string", "the batch's name, shown on its page"));
    p.put("items", Schemas.array(item, "one entry per question (the item-list form)"));
    p.put("targetCount", Schemas.type("integer", "how many questions (the generation form)"));
    p.put(
        "scope",
        Schemas.object(
            Map.of(
                "sloIds", Schemas.array(Schemas.uuid("an SLO"), "learning outcomes"),
                "conceptIds", Schemas.array(Schemas.uuid("a concept"), "concepts")),
            List.of()));
    p.put("questionType", Map.of("type", "string", "enum", List.of("single_best_answer")));
    p.put(
        "difficultyDistribution",
        Schemas.object(
            Map.of(
                "easy", Schemas.type("integer", "percent"),
                "medium", Schemas.type("integer", "percent"),
                "hard", Schemas.type("integer", "percent")),
            List.of("easy", "medium", "hard")));
    p.put("concurrency", Schemas.type("integer", "how many items run at once"));
    p.put("maxRetries", Schemas.type("integer", "retries per item"));
    p.put("budgetUsd", Schemas.type("number", "the most the batch may spend, in US dollars"));
    return Schemas.object(p, List.of("courseId"));
  }

  private Map<String, Object> create(Caller caller, Args args) {
    UUID course = args.uuid("courseId");
    BatchConfigDraft draft;
    if (args.has("items")) {
      if (args.has("targetCount")
          || args.has("scope")
          || args.has("questionType")
          || args.has("difficultyDistribution")) {
        throw new ToolError(
            "items", "give either items or the generation fields (targetCount, scope, ...)");
      }
      List<ItemListDraft.Item> items = new ArrayList<>();
      List<Object> given = args.list("items").orElseThrow();
      for (int i = 0; i < given.size(); i++) {
        if (!(given.get(i) instanceof Map<?, ?>)) {
          throw new ToolError("items[" + i + "]", "items[" + i + "] must be an object");
        }
        @SuppressWarnings("unchecked")
        Args item = new Args((Map<String, Object>) given.get(i), Set.of("name", "type", "prompt"));
        Optional<String> type = item.text("type");
        if (type.isPresent() && !type.get().equals("generate")) {
          throw new ToolError(
              "items[" + i + "].type",
              "items["
                  + i
                  + "].type '"
                  + type.get()
                  + "' is not supported: Spool generates"
                  + " questions, so the only type is 'generate'");
        }
        items.add(
            new ItemListDraft.Item(
                item.text("name").orElse(null), item.text("prompt").orElse(null)));
      }
      draft =
          new ItemListDraft(
              items,
              args.integer("concurrency").orElse(null),
              args.integer("maxRetries").orElse(null));
    } else {
      Optional<Args> scope = args.object("scope", Set.of("sloIds", "conceptIds"));
      Optional<Args> mix = args.object("difficultyDistribution", Set.of("easy", "medium", "hard"));
      draft =
          new GenerationDraft(
              args.integer("targetCount").orElse(null),
              scope.flatMap(s -> uuids(s, "sloIds")).orElse(null),
              scope.flatMap(s -> uuids(s, "conceptIds")).orElse(null),
              args.text("questionType").orElse(null),
              mix.flatMap(m -> m.integer("easy")).orElse(null),
              mix.flatMap(m -> m.integer("medium")).orElse(null),
              mix.flatMap(m -> m.integer("hard")).orElse(null),
              null,
              args.integer("concurrency").orElse(null),
              args.integer("maxRetries").orElse(null));
    }
    Optional<Money> budget = args.decimal("budgetUsd").map(SpoolTools::budget);
    CreateBatch.Result created =
        useCases
            .createBatch()
            .create(
                new CreateBatch.Command(
                        caller.actor(),
                        new CourseId(course),
                        args.text("name"),
                        draft,
                        Optional.empty(),
                        budget)
                    .awaitingApproval());
    Batch batch = created.batch();
    String message =
        batch.awaitsApproval()
            ? "Created with "
                + batch.counts().total()
                + " items. It waits for approval: ask the user to open "
                + pageUrl(caller, batch.id().value())
                + " and press Approve; nothing runs or costs money before that."
            : "Created with " + batch.counts().total() + " items; it is running.";
    return progress(caller, batch.id().value(), message);
  }

  private static Money budget(BigDecimal usd) {
    if (usd.signum() <= 0) {
      throw new ToolError("budgetUsd", "budgetUsd must be above 0");
    }
    try {
      return Money.usd(usd);
    } catch (RuntimeException e) {
      throw new ToolError("budgetUsd", "budgetUsd must be dollars with at most 9 decimal places");
    }
  }

  private static Optional<List<UUID>> uuids(Args args, String name) {
    return args.list(name)
        .map(values -> {
          List<UUID> ids = new ArrayList<>();
          for (int i = 0; i < values.size(); i++) {
            try {
              ids.add(UUID.fromString(String.valueOf(values.get(i))));
            } catch (IllegalArgumentException e) {
              throw new ToolError(
                  "scope." + name + "[" + i + "]", "scope." + name + "[" + i + "] must be a UUID");
            }
          }
          return ids;
        });
  }

  Map<String, Object> progress(Caller caller, UUID batch, String message) {
    BatchOverview overview =
        useCases
            .getBatch()
            .get(caller.actor(), new BatchId(batch), PageRequest.first(1))
            .overview();
    Map<String, Object> view = summary(overview, caller);
    view.put("message", message);
    return view;
  }

  static Map<String, Object> summary(BatchOverview overview, Caller caller) {
    Batch b = overview.batch();
    Progress p = overview.progress();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("batchId", b.id().value().toString());
    view.put("name", b.name().orElse(null));
    view.put("status", b.status().wireName());
    view.put("approval", b.awaitsApproval() ? "required" : null);
    view.put("total", p.total());
    view.put("completed", p.completed());
    view.put("failed", p.failed());
    view.put("cancelled", p.cancelled());
    view.put("pending", p.pending());
    view.put("inProgress", p.inProgress());
    view.put("progress", p.progress());
    view.put("etaSeconds", p.etaSeconds().isPresent() ? p.etaSeconds().getAsLong() : null);
    view.put("throughput", p.throughput().isPresent() ? p.throughput().getAsDouble() : null);
    view.put("spentUsd", p.spend().spent().toUsd());
    view.put("projectedCostUsd", p.spend().projected().map(Money::toUsd).orElse(null));
    view.put("budgetUsd", p.spend().budget().map(Money::toUsd).orElse(null));
    view.put("pauseReason", b.pauseReason().map(PauseReason::wireName).orElse(null));
    view.put("pageUrl", pageUrl(caller, b.id().value()));
    return view;
  }

  static String pageUrl(Caller caller, UUID batch) {
    return caller.baseUrl() + "/#/batch/" + batch;
  }

  private Map<String, Object> findCourses(Caller caller, Args args) {
    String query =
        args.text("query").orElseThrow(() -> new ToolError("query", "query is required"));
    int limit = args.integer("limit").orElse(5);
    if (limit < 1 || limit > MAX_COURSES) {
      throw new ToolError("limit", "limit must be between 1 and " + MAX_COURSES);
    }
    List<Map<String, Object>> courses = new ArrayList<>();
    for (CourseSummary found : catalogue.search(caller.actor(), query, limit)) {
      Course course = catalogue.course(caller.actor(), found.id());
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("courseId", course.id());
      view.put("code", course.code());
      view.put("title", course.title());
      view.put("slos", course.slos().stream().map(SpoolTools::topic).toList());
      view.put("concepts", course.concepts().stream().map(SpoolTools::topic).toList());
      courses.add(view);
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("courses", courses);
    view.put(
        "note",
        courses.isEmpty()
            ? "No course in the catalogue matches; ask the user for the course's id."
            : "Pass courseId, and ids from slos and concepts as scope.sloIds and"
                + " scope.conceptIds, to create_batch.");
    return view;
  }

  private static Map<String, Object> topic(Topic topic) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", topic.id());
    view.put("code", topic.code());
    view.put("title", topic.title());
    return view;
  }

  private Map<String, Object> list(Caller caller, Args args) {
    Optional<BatchStatus> status =
        args.text("status")
            .map(s ->
                BatchStatus.fromWireName(s)
                    .orElseThrow(() -> new ToolError("status", "unknown status '" + s + "'")));
    int limit = args.integer("limit").orElse(20);
    if (limit < 1 || limit > 50) {
      throw new ToolError("limit", "limit must be between 1 and 50");
    }
    var page =
        useCases
            .listBatches()
            .list(caller.actor(), status, new PageRequest(limit, args.text("cursor")));
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("items", page.items().stream().map(o -> summary(o, caller)).toList());
    view.put("nextCursor", page.nextCursor().orElse(null));
    return view;
  }

  private Map<String, Object> cancel(Caller caller, Args args) {
    BatchId id = new BatchId(args.uuid("batchId"));
    var result = useCases.cancelBatch().cancel(caller.actor(), id);
    String message =
        result.cancelledItems()
            + " pending items were cancelled; "
            + result.completedItems()
            + " completed items are kept"
            + (result.inFlightItems() > 0
                ? "; " + result.inFlightItems() + " in flight will finish and be kept"
                : "")
            + ". A cancelled batch cannot be resumed.";
    Map<String, Object> view = progress(caller, id.value(), message);
    view.put("completedItems", result.completedItems());
    view.put("cancelledItems", result.cancelledItems());
    view.put("inFlightItems", result.inFlightItems());
    return view;
  }

  private Map<String, Object> results(Caller caller, Args args) {
    BatchId id = new BatchId(args.uuid("batchId"));
    int limit = args.integer("limit").orElse(10);
    if (limit < 1 || limit > MAX_RESULTS) {
      throw new ToolError("limit", "limit must be between 1 and " + MAX_RESULTS);
    }
    var items =
        useCases
            .listItems()
            .list(caller.actor(), id, Optional.of(ItemStatus.COMPLETED), PageRequest.first(limit));
    List<Map<String, Object>> questions = new ArrayList<>();
    for (var item : items.items()) {
      if (item.questionId().isEmpty()) {
        continue;
      }
      GeneratedQuestion q =
          useCases.getQuestion().get(caller.actor(), item.questionId().get()).question();
      Map<String, Object> question = new LinkedHashMap<>();
      question.put("index", item.position());
      question.put("difficulty", q.difficulty().wireName());
      question.put("stem", q.stem());
      question.put(
          "options",
          q.options().stream().map(o -> Map.of("label", o.label(), "text", o.text())).toList());
      question.put("correct", q.correctLabel());
      question.put("explanation", q.explanation());
      questions.add(question);
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("batchId", id.value().toString());
    view.put("questions", questions);
    view.put("more", items.nextCursor().isPresent());
    String export = caller.baseUrl() + "/api/v1/generation/batch/" + id.value() + "/results";
    view.put("exportJsonl", export);
    view.put("exportCsv", export + "?format=csv");
    return view;
  }
}
