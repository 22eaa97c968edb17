package dev.spool.adapter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.application.catalogue.Catalogue;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.CreateBatch;
import dev.spool.application.port.in.ExportResults;
import dev.spool.application.port.in.UseCases;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.PauseReason;
import dev.spool.domain.money.Money;
import dev.spool.domain.question.QuestionId;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The batch API under {@code /api/v1/generation}. Each handler authenticates, parses its input,
 * calls one use case and maps the result; errors go to {@link ErrorResponses}.
 */
final class BatchRoutes {
  static final String BASE_V1 = "/api/v1";
  static final String BASE = BASE_V1 + "/generation";
  static final String BATCH = BASE + "/batch/{batchId}";

  private final UseCases useCases;
  private final Catalogue catalogue;
  private final Authentication auth;
  private final CreateBatchParser parser;
  private final StreamTickets tickets;
  private final ProgressStream progress;
  private final FeedStream feed;
  private final long maxBody;
  private final ObjectMapper mapper;

  BatchRoutes(
      UseCases useCases,
      Catalogue catalogue,
      Authentication auth,
      CreateBatchParser parser,
      StreamTickets tickets,
      ProgressStream progress,
      FeedStream feed,
      long maxBody,
      ObjectMapper mapper) {
    this.mapper = mapper;
    this.useCases = useCases;
    this.catalogue = catalogue;
    this.auth = auth;
    this.parser = parser;
    this.tickets = tickets;
    this.progress = progress;
    this.feed = feed;
    this.maxBody = maxBody;
  }

  void register(JavalinConfig config) {
    var routes = config.routes;
    routes.post(BASE + "/batch", this::create);
    routes.get(BASE + "/batch", this::list);
    routes.get(BATCH, this::get);
    routes.delete(BATCH, this::delete);
    routes.get(BATCH + "/items", this::items);
    routes.get(BATCH + "/results", this::results);
    routes.post(
        BATCH + "/pause", ctx -> control(ctx, (a, id) -> useCases.pauseBatch().pause(a, id)));
    routes.post(BATCH + "/resume", this::resume);
    routes.post(
        BATCH + "/approve", ctx -> control(ctx, (a, id) -> useCases.approveBatch().approve(a, id)));
    routes.post(
        BATCH + "/reject", ctx -> control(ctx, (a, id) -> useCases.approveBatch().reject(a, id)));
    routes.put(BATCH + "/budget", this::budget);
    routes.get(BASE_V1 + "/prices", this::prices);
    routes.get(BASE_V1 + "/account", this::account);
    routes.post(BATCH + "/cancel", this::cancel);
    routes.post(
        BATCH + "/retry-failed",
        ctx -> control(ctx, (a, id) -> useCases.retryFailedItems().retryFailed(a, id)));
    routes.post(BATCH + "/stream-ticket", this::ticket);
    routes.get(BATCH + "/progress", this::progress);
    routes.get(BASE + "/questions/{questionId}", this::question);
    routes.post(BASE + "/events/stream-ticket", this::feedTicket);
    routes.get(BASE + "/events", this::events);
  }

  private void create(Context ctx) {
    CreateBatch.Command command =
        parser.parse(
            Requests.jsonBody(ctx, maxBody),
            auth.actor(ctx),
            Requests.header(ctx, "Idempotency-Key"));
    CreateBatch.Result result = useCases.createBatch().create(command);
    Batch batch = result.batch();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("batchId", batch.id().value());
    data.put("status", batch.status().wireName());
    data.put("totalItems", batch.counts().total());
    data.put("approval", batch.awaitsApproval() ? "required" : null);
    ctx.header("Location", BASE + "/batch/" + batch.id().value());
    if (!result.created()) {
      ctx.header("Idempotent-Replayed", "true");
    }
    ctx.status(result.created() ? 201 : 200).json(Envelope.ok(data));
  }

  private void list(Context ctx) {
    Actor actor = auth.actor(ctx);
    var page = useCases.listBatches().list(actor, Requests.batchStatus(ctx), Requests.page(ctx));
    Map<UUID, String> titles =
        catalogue.titles(
            page.items().stream()
                .map(o -> o.batch().courseId().value())
                .collect(Collectors.toSet()));
    ctx.json(
        Envelope.ok(
            Views.page(
                page.items().stream()
                    .map(o -> Views.summary(o, titles.get(o.batch().courseId().value())))
                    .toList(),
                page)));
  }

  private void get(Context ctx) {
    Actor actor = auth.actor(ctx);
    var details = useCases.getBatch().get(actor, Requests.batchId(ctx), Requests.page(ctx));
    UUID course = details.overview().batch().courseId().value();

    ctx.json(
        Envelope.ok(
            Views.detail(
                details.overview(),
                catalogue.titles(Set.of(course)).get(course),
                details.items(),
                details.stemPreviews())));
  }

  private void items(Context ctx) {
    Actor actor = auth.actor(ctx);
    BatchId batch = Requests.batchId(ctx);
    var listed =
        useCases
            .listItems()
            .listWithPreviews(actor, batch, Requests.itemStatus(ctx), Requests.page(ctx));
    var page = listed.items();
    var previews = listed.stemPreviews();
    ctx.json(
        Envelope.ok(
            Views.page(page.items().stream().map(i -> Views.item(i, previews)).toList(), page)));
  }

  /**
   * The batch's results as a file: JSON Lines or CSV, written as they are read, a page of items at
   * a time, so memory stays the same whatever the batch's size.
   */
  private void results(Context ctx) throws IOException {
    Actor actor = auth.actor(ctx);
    BatchId id = Requests.batchId(ctx);
    boolean failed = includeFailed(ctx);
    ResultFormats format = ResultFormats.of(ctx);
    ExportResults.Results results = useCases.exportResults().open(actor, id, failed);
    ctx.status(200);
    ctx.contentType(format.mediaType() + "; charset=utf-8");
    ctx.header(
        "Content-Disposition",
        "attachment; filename=\"batch-" + id.value() + "-results." + format.extension() + "\"");
    try (Writer out =
        new BufferedWriter(
            new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8), 64 * 1024)) {
      ResultFormats.RowWriter writer = format.writer(out, mapper);
      results.forEach(writer::write);
      writer.finish();
    }
  }

  /** {@code ?include=failed} adds the failed items, with their errors. */
  private static boolean includeFailed(Context ctx) {
    boolean failed = false;
    for (String value :
        Requests.query(ctx, "include").map(v -> v.split(",")).orElse(new String[0])) {
      if (value.isBlank()) {
        continue;
      }
      if (!value.trim().equals("failed")) {
        throw ApiError.invalid(
            "include", "invalid", "include takes 'failed', to add the failed items; not " + value);
      }
      failed = true;
    }
    return failed;
  }

  private void delete(Context ctx) {
    Actor actor = auth.actor(ctx);
    BatchId id = Requests.batchId(ctx);
    useCases.deleteBatch().delete(actor, id);
    ctx.json(Envelope.ok(Map.of("batchId", id.value(), "deleted", true)));
  }

  private void control(Context ctx, Control control) {
    Actor actor = auth.actor(ctx);
    Batch batch = control.apply(actor, Requests.batchId(ctx));
    ctx.json(
        Envelope.ok(Map.of("batchId", batch.id().value(), "status", batch.status().wireName())));
  }

  /** Resumes, first setting the budget if the body gives one. */
  private void resume(Context ctx) {
    Actor actor = auth.actor(ctx);
    BatchId id = Requests.batchId(ctx);
    Optional<Money> budget =
        parser.budgetBody(Requests.optionalJsonBody(ctx, maxBody), false).flatMap(b -> b);
    Batch batch = useCases.resumeBatch().resume(actor, id, budget);
    ctx.json(
        Envelope.ok(Map.of("batchId", batch.id().value(), "status", batch.status().wireName())));
  }

  /** Sets or removes the budget; a batch paused for its budget continues if the new one allows. */
  private void budget(Context ctx) {
    Actor actor = auth.actor(ctx);
    BatchId id = Requests.batchId(ctx);
    Optional<Money> budget = parser.budgetBody(Requests.jsonBody(ctx, maxBody), true).orElseThrow();
    Batch batch = useCases.changeBudget().change(actor, id, budget);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("batchId", batch.id().value());
    data.put("status", batch.status().wireName());
    data.put("pauseReason", batch.pauseReason().map(PauseReason::wireName).orElse(null));
    data.putAll(
        Views.spend(batch.spend().report(batch.counts().completed(), batch.counts().total())));
    ctx.json(Envelope.ok(data));
  }

  private void prices(Context ctx) {
    auth.actor(ctx);
    ctx.json(Envelope.ok(Views.prices(useCases.showPrices().pricing())));
  }

  private void account(Context ctx) {
    Actor actor = auth.actor(ctx);
    ctx.json(Envelope.ok(Views.account(useCases.getAccount().account(actor))));
  }

  private void cancel(Context ctx) {
    Actor actor = auth.actor(ctx);
    var result = useCases.cancelBatch().cancel(actor, Requests.batchId(ctx));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("batchId", result.batch().id().value());
    data.put("status", result.batch().status().wireName());
    data.put("completedItems", result.completedItems());
    data.put("cancelledItems", result.cancelledItems());
    data.put("inFlightItems", result.inFlightItems());
    ctx.json(Envelope.ok(data));
  }

  private void ticket(Context ctx) {
    Actor actor = auth.actor(ctx);
    BatchId id = Requests.batchId(ctx);
    useCases.getBatch().batch(actor, id); // the owner check
    var ticket = tickets.issue(actor, id);
    ctx.status(201)
        .json(Envelope.ok(Map.of("ticket", ticket.value(), "expiresAt", ticket.expiresAt())));
  }

  private void progress(Context ctx) throws Exception {
    BatchId id = Requests.batchId(ctx);
    try (StreamTickets.Use caller = auth.streamCaller(ctx, id)) {
      progress.stream(ctx, caller.holder(), id);
    }
  }

  private void feedTicket(Context ctx) {
    Actor actor = auth.actor(ctx);
    var ticket = tickets.issue(actor, StreamTickets.FEED);
    ctx.status(201)
        .json(Envelope.ok(Map.of("ticket", ticket.value(), "expiresAt", ticket.expiresAt())));
  }

  private void events(Context ctx) throws Exception {
    try (StreamTickets.Use caller = auth.feedCaller(ctx)) {
      feed.stream(ctx, caller.holder());
    }
  }

  private void question(Context ctx) {
    Actor actor = auth.actor(ctx);
    var question =
        useCases.getQuestion().get(actor, new QuestionId(Requests.uuid(ctx, "questionId")));
    ctx.json(Envelope.ok(Views.question(question)));
  }

  /** A status change that returns the changed batch. */
  @FunctionalInterface
  private interface Control {
    Batch apply(Actor actor, BatchId batch);
  }
}
