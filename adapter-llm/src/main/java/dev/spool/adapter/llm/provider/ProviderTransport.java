package dev.spool.adapter.llm.provider;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The HTTP transport under LangChain4j's provider clients, on the JDK's client. LangChain4j speaks
 * each provider's protocol; this only carries the bytes, and keeps a failed answer's headers in a
 * {@link ProviderHttpError} so a 429's retry-after is not lost. It never logs requests: they carry
 * the API key.
 */
final class ProviderTransport implements HttpClient {
  private final java.net.http.HttpClient client;
  private final Duration readTimeout;

  private ProviderTransport(Duration connectTimeout, Duration readTimeout) {
    this.client =
        java.net.http.HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
    this.readTimeout = readTimeout;
  }

  static Builder builder() {
    return new Builder();
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() < 200 || response.statusCode() >= 300) {
      throw new ProviderHttpError(response.statusCode(), response.body(), response.headers().map());
    }
    return SuccessfulHttpResponse.builder()
        .statusCode(response.statusCode())
        .headers(response.headers().map())
        .body(response.body())
        .build();
  }

  /**
   * A streamed answer, for LangChain4j's streaming models (Spool's generator asks for whole
   * answers, but the transport serves both). A failed answer reaches the listener as a {@link
   * ProviderHttpError} with its headers, like a failed whole answer.
   */
  @Override
  public void execute(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    HttpResponse<InputStream> response;
    try {
      response = send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (RuntimeException e) {
      listener.onError(e);
      return;
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() < 200 || response.statusCode() >= 300) {
        listener.onError(
            new ProviderHttpError(
                response.statusCode(),
                new String(body.readAllBytes(), StandardCharsets.UTF_8),
                response.headers().map()));
        return;
      }
      listener.onOpen(
          SuccessfulHttpResponse.builder()
              .statusCode(response.statusCode())
              .headers(response.headers().map())
              .build());
      parser.parse(body, listener);
      listener.onClose();
    } catch (IOException | RuntimeException e) {
      listener.onError(e);
    }
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    java.net.http.HttpRequest.Builder builder =
        java.net.http.HttpRequest.newBuilder(URI.create(request.url())).timeout(readTimeout);
    request.headers().forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
    switch (request.method()) {
      case GET -> builder.GET();
      case DELETE -> builder.DELETE();
      case POST ->
          builder.POST(
              java.net.http.HttpRequest.BodyPublishers.ofString(
                  request.body() == null ? "" : request.body()));
    }
    try {
      return client.send(builder.build(), handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the provider", e);
    }
  }

  /** LangChain4j sets the timeouts it was given; Spool gives it the configured one. */
  static final class Builder implements HttpClientBuilder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public Builder connectTimeout(Duration timeout) {
      if (timeout != null) {
        this.connectTimeout = timeout;
      }
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public Builder readTimeout(Duration timeout) {
      if (timeout != null) {
        this.readTimeout = timeout;
      }
      return this;
    }

    @Override
    public HttpClient build() {
      return new ProviderTransport(connectTimeout, readTimeout);
    }
  }
}
