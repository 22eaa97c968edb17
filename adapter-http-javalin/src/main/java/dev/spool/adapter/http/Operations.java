package dev.spool.adapter.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Health, Prometheus metrics and the OpenAPI document: open, unauthenticated endpoints. */
final class Operations {
  private static final Logger LOG = LoggerFactory.getLogger(Operations.class);
  static final String OPENAPI_RESOURCE = "/spool/openapi.json";

  private final Readiness readiness;
  private final SpoolMetrics metrics;
  private final byte[] openApi;

  Operations(Readiness readiness, SpoolMetrics metrics) {
    this.readiness = readiness;
    this.metrics = metrics;
    this.openApi = load(OPENAPI_RESOURCE);
  }

  void register(JavalinConfig config) {
    config.routes.get("/health/live", ctx -> ctx.json(Envelope.ok(Map.of("status", "up"))));
    config.routes.get("/health/ready", this::ready);
    config.routes.get("/metrics", this::scrape);
    config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
  }

  private void ready(Context ctx) {
    try {
      readiness.check();
      ctx.json(Envelope.ok(Map.of("status", "ready")));
    } catch (RuntimeException e) {
      LOG.warn("not ready: {}", e.getMessage());
      ctx.status(503)
          .json(
              Envelope.failure(
                  "NOT_READY",
                  "the database does not answer: " + e.getMessage(),
                  java.util.List.of()));
    }
  }

  private void scrape(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.registry().scrape());
  }

  static byte[] load(String resource) {
    try (InputStream in = Operations.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the jar; this is a bug");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
