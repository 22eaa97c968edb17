package dev.spool.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real HTTP client for the API. Every response to a documented path is checked against the
 * OpenAPI document the server ships; a mismatch fails the test that made the call.
 */
public final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final OpenApiInteractionValidator OPENAPI = validator();

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public ApiClient(String base) {
    this.base = base;
  }

  public String base() {
    return base;
  }

  public HttpClient http() {
    return http;
  }

  public URI uri(String path) {
    return URI.create(base + path);
  }

  /** A response, with its JSON body when it has one. */
  public record Reply(int status, java.net.http.HttpHeaders headers, String body, JsonNode json) {
    public JsonNode data() {
      return json.get("data");
    }

    public String errorCode() {
      return json.path("error").path("code").asText(null);
    }
  }

  public Reply get(String path, String token) {
    return send("GET", path, token, null, Map.of());
  }

  public Reply post(String path, String token, String body) {
    return send(
        "POST",
        path,
        token,
        body,
        body == null ? Map.of() : Map.of("Content-Type", "application/json"));
  }

  /** A request with a JSON body: PUT, PATCH or POST. */
  public Reply json(String method, String path, String token, String body) {
    return send(method, path, token, body, Map.of("Content-Type", "application/json"));
  }

  public Reply delete(String path, String token) {
    return send("DELETE", path, token, null, Map.of());
  }

  public Reply send(
      String method, String path, String token, String body, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    if (token != null) {
      all.put("Authorization", "Bearer " + token);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    all.forEach(request::header);
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = parse(response);
      Reply reply = new Reply(response.statusCode(), response.headers(), response.body(), json);
      checkAgainstOpenApi(method, path, reply);
      return reply;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(HttpResponse<String> response) throws IOException {
    String type = response.headers().firstValue("Content-Type").orElse("");
    return type.startsWith("application/json") ? JSON.readTree(response.body()) : null;
  }

  private static void checkAgainstOpenApi(String method, String path, Reply reply) {
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    if (reply.status() == 404 && "NOT_FOUND".equals(reply.errorCode()) && !documented(bare)) {
      return;
    }
    if (reply.status() == 405) {
      return;
    }
    SimpleResponse.Builder response = SimpleResponse.Builder.status(reply.status());
    reply.headers().map().forEach((name, values) -> response.withHeader(name, values));
    if (reply.body() != null && !reply.body().isEmpty()) {
      response.withBody(reply.body());
    }
    ValidationReport report =
        OPENAPI.validateResponse(bare, Request.Method.valueOf(method), response.build());
    assertThat(report.getMessages())
        .as(
            "%s %s -> %d %s matches openapi.json",
            method,
            path,
            reply.status(),
            reply.body().substring(0, Math.min(300, reply.body().length())))
        .isEmpty();
  }

  private static boolean documented(String path) {
    return path.startsWith("/api/v1/generation/batch") || path.startsWith("/api/v1/generation/q");
  }

  static OpenApiInteractionValidator validator() {
    try (InputStream in = ApiClient.class.getResourceAsStream("/spool/openapi.json")) {
      String spec = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      return OpenApiInteractionValidator.createForInlineApiSpecification(spec)
          .withLevelResolver(
              LevelResolver.create()
                  .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                  .build())
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
