package dev.spool.adapter.http;

import dev.spool.adapter.http.auth.Unauthenticated;
import dev.spool.application.catalogue.CatalogueReadOnly;
import dev.spool.application.catalogue.CourseNotFound;
import dev.spool.application.catalogue.InvalidCatalogue;
import dev.spool.application.model.InvalidPageRequest;
import dev.spool.application.port.in.IdempotencyKeyReused;
import dev.spool.application.port.in.QuestionNotFound;
import dev.spool.application.port.out.StoreUnavailable;
import dev.spool.application.webhook.InvalidWebhook;
import dev.spool.application.webhook.WebhookNotFound;
import dev.spool.domain.SpoolException;
import dev.spool.domain.batch.AccessDenied;
import dev.spool.domain.batch.BatchNotFound;
import dev.spool.domain.batch.InvalidStateTransition;
import dev.spool.domain.config.InvalidBatchConfig;
import dev.spool.domain.money.BudgetExhausted;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the {@code {data: null, error: {code, message, details}}} envelope with
 * the right status. Anything unexpected is a 500 with an incident id to find in the log, and never
 * a stack trace in the response.
 */
final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  static void register(JavalinConfig config, DatabaseHealth database) {
    config.routes.exception(SpoolException.class, (e, ctx) -> spool(e, ctx, database));
    config.routes.exception(HttpResponseException.class, (e, ctx) -> http(e.getStatus(), ctx));
    config.routes.exception(
        Exception.class,
        (e, ctx) -> {
          if (database.isUnavailable(e)) {
            unavailable(ctx, database);
          } else {
            unexpected(e, ctx);
          }
        });
    config.routes.error(404, ctx -> notFoundUnlessAnswered(ctx));
    config.routes.error(405, ctx -> http(405, ctx));
  }

  private static void spool(SpoolException e, Context ctx, DatabaseHealth database) {
    if (e instanceof StoreUnavailable) {
      unavailable(ctx, database);
      return;
    }
    int status =
        switch (e) {
          case ApiError api -> api.status();
          case Unauthenticated u -> 401;
          case InvalidBatchConfig i -> 400;
          case InvalidPageRequest i -> 400;
          case InvalidStateTransition i -> 400;
          case AccessDenied a -> 403;
          case BatchNotFound n -> 404;
          case QuestionNotFound n -> 404;
          case WebhookNotFound n -> 404;
          case InvalidWebhook i -> 400;
          case InvalidCatalogue i -> 400;
          case CourseNotFound n -> 404;
          case CatalogueReadOnly r -> 409;
          case IdempotencyKeyReused r -> 409;
          case BudgetExhausted b -> 409;
          default -> 0;
        };
    if (status == 0) {
      unexpected(e, ctx);
      return;
    }
    if (status == 401) {
      ctx.header("WWW-Authenticate", "Bearer");
    }
    if (status == 503) {
      ctx.header("Retry-After", ServiceGate.RETRY_AFTER_SECONDS);
    }
    write(ctx, status, e.getMessage(), e.code(), details(e));
  }

  private static List<ApiError.Detail> details(SpoolException e) {
    return switch (e) {
      case ApiError api -> api.details();
      case InvalidBatchConfig invalid ->
          invalid.errors().stream()
              .map(f -> new ApiError.Detail(f.field(), f.code(), f.message()))
              .toList();
      case InvalidWebhook invalid ->
          invalid.errors().stream()
              .map(f -> new ApiError.Detail(f.field(), f.code(), f.message()))
              .toList();
      case InvalidCatalogue invalid ->
          invalid.errors().stream()
              .map(f -> new ApiError.Detail(f.field(), f.code(), f.message()))
              .toList();
      default -> List.of();
    };
  }

  private static void http(int status, Context ctx) {
    String code =
        switch (status) {
          case 400 -> "MALFORMED_REQUEST";
          case 404 -> "NOT_FOUND";
          case 405 -> "METHOD_NOT_ALLOWED";
          case 413 -> "PAYLOAD_TOO_LARGE";
          case 415 -> "UNSUPPORTED_MEDIA_TYPE";
          default -> status >= 500 ? "INTERNAL_ERROR" : "HTTP_" + status;
        };
    String message =
        switch (status) {
          case 404 -> "no such resource: " + ctx.method() + " " + ctx.path();
          case 405 -> ctx.method() + " is not allowed on " + ctx.path();
          case 413 -> "the request body is too large";
          default -> "the request could not be served (HTTP " + status + ")";
        };
    write(ctx, status, message, code, List.of());
  }

  private static void notFoundUnlessAnswered(Context ctx) {
    if (ctx.result() == null || ctx.result().isEmpty()) {
      http(404, ctx);
    }
  }

  /**
   * A request the database failed because it is away or out of room: 503 with {@code Retry-After},
   * and no stack trace in the log (whoever watches the database says once that it is away).
   */
  private static void unavailable(Context ctx, DatabaseHealth database) {
    spool(ApiError.databaseUnavailable(database.outage()), ctx, database);
  }

  private static void unexpected(Exception e, Context ctx) {
    String incident = UUID.randomUUID().toString();
    LOG.error("request {} {} failed; incident {}", ctx.method(), ctx.path(), incident, e);
    write(
        ctx,
        500,
        "something went wrong on our side; incident " + incident,
        "INTERNAL_ERROR",
        List.of());
  }

  private static void write(
      Context ctx, int status, String message, String code, List<ApiError.Detail> details) {
    if (ctx.res().isCommitted()) {
      return;
    }
    ctx.status(status).json(Envelope.failure(code, message, details));
  }
}
