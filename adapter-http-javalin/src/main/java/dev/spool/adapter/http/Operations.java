package dev.spool.adapter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Health, Prometheus metrics and the OpenAPI document: open, unauthenticated endpoints. Both health
 * checks answer at once from state the {@link ServiceGate} and the database's watcher keep. The
 * document is served with its {@code servers} set to the address the request came to, so a client
 * generated from it talks to this server whatever its port; the stored document says {@code /}.
 */
final class Operations {
  static final String OPENAPI_RESOURCE = "/spool/openapi.json";

  private final ServiceGate gate;
  private final SpoolMetrics metrics;
  private final ObjectMapper mapper = new ObjectMapper();
  private final ObjectNode openApi;

  Operations(ServiceGate gate, SpoolMetrics metrics) {
    this.gate = gate;
    this.metrics = metrics;
    try {
      this.openApi = (ObjectNode) mapper.readTree(load(OPENAPI_RESOURCE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void register(JavalinConfig config) {
    config.routes.get("/health/live", this::live);
    config.routes.get("/health/ready", this::ready);
    config.routes.get("/metrics", this::scrape);
    config.routes.get("/openapi.json", this::openApi);
  }

  private void openApi(Context ctx) throws IOException {
    ObjectNode document = openApi.deepCopy();
    String host = ctx.host();
    if (host != null && !host.isBlank()) {
      ObjectNode server = mapper.createObjectNode();
      server.put("url", ctx.scheme() + "://" + host);
      server.put("description", "this server, as the request to /openapi.json reached it");
      document.putArray("servers").add(server);
    }
    ctx.contentType("application/json").result(mapper.writeValueAsBytes(document));
  }

  private void live(Context ctx) {
    if (gate.database().live()) {
      ctx.json(Envelope.ok(Map.of("status", "up")));
    } else {
      ctx.status(503)
          .json(
              Envelope.failure(
                  "NOT_LIVE",
                  "the database has been away longer than this process waits for it",
                  java.util.List.of()));
    }
  }

  private void ready(Context ctx) {
    gate.notReady()
        .ifPresentOrElse(
            reason ->
                ctx.status(503)
                    .header("Retry-After", ServiceGate.RETRY_AFTER_SECONDS)
                    .json(Envelope.failure("NOT_READY", reason, java.util.List.of())),
            () -> ctx.json(Envelope.ok(Map.of("status", "ready"))));
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
