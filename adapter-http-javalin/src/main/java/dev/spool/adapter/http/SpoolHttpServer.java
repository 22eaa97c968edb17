package dev.spool.adapter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.adapter.http.auth.JwtVerifier;
import dev.spool.application.catalogue.Catalogue;
import dev.spool.application.port.in.UseCases;
import dev.spool.application.webhook.ManageWebhooks;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spool's HTTP server: the batch API with its progress stream, the web page at {@code /}, health,
 * metrics and the OpenAPI document, on Javalin with virtual threads.
 *
 * <pre>{@code
 * SpoolHttpServer server =
 *     SpoolHttpServer.start(
 *         spool.useCases(), webhooks.manage(), verifier, database, metrics, settings, clock);
 * ...
 * server.close();
 * }</pre>
 */
public final class SpoolHttpServer implements AutoCloseable {
  /** One line per request at INFO; {@code SPOOL_REQUEST_LOG=false} turns it off. */
  private static final Logger REQUESTS = LoggerFactory.getLogger("dev.spool.http.requests");

  private final Javalin app;
  private final OpenStreams streams = new OpenStreams();
  private final ServiceGate gate;

  private SpoolHttpServer(
      UseCases useCases,
      ManageWebhooks webhooks,
      Catalogue catalogue,
      Map<String, HttpServlet> servlets,
      JwtVerifier verifier,
      DatabaseHealth database,
      SpoolMetrics metrics,
      HttpSettings settings,
      Clock clock) {
    ObjectMapper mapper = JsonMapper.create();
    StreamTickets tickets = new StreamTickets(settings.ticketValidity(), clock);
    BatchRoutes batches =
        new BatchRoutes(
            useCases,
            catalogue,
            new Authentication(verifier, tickets),
            new CreateBatchParser(mapper),
            tickets,
            new ProgressStream(useCases.watchBatch(), settings, streams, clock),
            new FeedStream(useCases.followBatches(), settings, streams),
            settings.maxBodyBytes(),
            mapper);
    WebhookRoutes hooks =
        new WebhookRoutes(
            webhooks, new Authentication(verifier, tickets), mapper, settings.maxBodyBytes());
    CatalogueRoutes courses =
        new CatalogueRoutes(
            catalogue, new Authentication(verifier, tickets), mapper, settings.maxBodyBytes());
    this.gate = new ServiceGate(database);
    SignInRoutes signIn = new SignInRoutes(settings.signIn());
    Operations operations = new Operations(gate, metrics);
    Gauge.builder("spool.sse.connections", streams::count)
        .description("open progress streams on this node")
        .register(metrics.registry());
    this.app =
        Javalin.create(config -> {
          configure(config, mapper, settings, metrics);
          mount(config, servlets);
          gate.register(config);
          WebPage.register(config, SignInRoutes.providerOrigin(settings.signIn()));
          signIn.register(config);
          batches.register(config);
          hooks.register(config);
          courses.register(config);
          operations.register(config);
          ErrorResponses.register(config, database);
        });
  }

  /** Starts a server; with port 0 it picks a free port, which {@link #port()} tells. */
  public static SpoolHttpServer start(
      UseCases useCases,
      ManageWebhooks webhooks,
      Catalogue catalogue,
      JwtVerifier verifier,
      DatabaseHealth database,
      SpoolMetrics metrics,
      HttpSettings settings,
      Clock clock) {
    return start(
        useCases, webhooks, catalogue, Map.of(), verifier, database, metrics, settings, clock);
  }

  /**
   * As above, with other servlets mounted beside the API, such as the MCP server's: each at its
   * path spec ({@code /mcp}, {@code /.well-known/x/*}), asynchronous, before the API's routes.
   */
  public static SpoolHttpServer start(
      UseCases useCases,
      ManageWebhooks webhooks,
      Catalogue catalogue,
      Map<String, HttpServlet> servlets,
      JwtVerifier verifier,
      DatabaseHealth database,
      SpoolMetrics metrics,
      HttpSettings settings,
      Clock clock) {
    SpoolHttpServer server =
        new SpoolHttpServer(
            Objects.requireNonNull(useCases, "useCases"),
            Objects.requireNonNull(webhooks, "webhooks"),
            Objects.requireNonNull(catalogue, "catalogue"),
            Map.copyOf(servlets),
            Objects.requireNonNull(verifier, "verifier"),
            Objects.requireNonNull(database, "database"),
            Objects.requireNonNull(metrics, "metrics"),
            Objects.requireNonNull(settings, "settings"),
            Objects.requireNonNull(clock, "clock"));
    server.app.start(settings.host(), settings.port());
    return server;
  }

  public int port() {
    return app.port();
  }

  /**
   * Begins a drain for shutdown: readiness answers 503 and new batches are refused with 503, so
   * that a load balancer sends work elsewhere, while calls on existing batches go on being served.
   */
  public void drain() {
    gate.drain();
  }

  /** Ends every progress stream, then stops accepting and serving requests. */
  @Override
  public void close() {
    streams.stopAll();
    app.stop();
  }

  private static void mount(JavalinConfig config, Map<String, HttpServlet> servlets) {
    if (servlets.isEmpty()) {
      return;
    }
    config.jetty.modifyServletContextHandler(handler ->
        servlets.forEach((path, servlet) -> {
          ServletHolder holder = new ServletHolder(servlet);
          holder.setAsyncSupported(true);
          handler.addServlet(holder, path);
        }));
  }

  private static void configure(
      JavalinConfig config, ObjectMapper mapper, HttpSettings settings, SpoolMetrics metrics) {
    config.concurrency.useVirtualThreads = true;
    config.startup.showJavalinBanner = false;
    config.http.maxRequestSize = settings.maxBodyBytes();
    config.http.prefer405over404 = true;
    config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
    config.jetty.modifyServletContextHandler(
        handler -> handler.setErrorHandler(new JsonErrorHandler()));
    config.jsonMapper(new JavalinJackson(mapper, true));
    config.requestLogger.http((ctx, ms) -> {
      var endpoint = ctx.endpoints().matchedHttpEndpoint();
      String route = endpoint == null ? "unmatched" : endpoint.path;
      Timer.builder("spool.http.requests")
          .description("HTTP requests by route and status")
          .tag("method", ctx.method().name())
          .tag("route", route)
          .tag("status", String.valueOf(ctx.statusCode()))
          .register(metrics.registry())
          .record(Duration.ofNanos((long) (ms * 1_000_000)));
      if (settings.requestLog()) {
        // the route template, never the path or query: ids stay out, and so does ?ticket=
        REQUESTS.info(
            "{} {} {} {} ms", ctx.method().name(), route, ctx.statusCode(), Math.round(ms));
      }
    });
  }
}
