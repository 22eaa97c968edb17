package dev.spool.adapter.llm.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.DefaultServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProviderTransportTest {
  private final WireMockServer provider = new WireMockServer(options().dynamicPort());

  @BeforeEach
  void start() {
    provider.start();
  }

  @AfterEach
  void stop() {
    provider.stop();
  }

  /** What a streaming call told its listener, in order. */
  private static final class Recorded implements ServerSentEventListener {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<ServerSentEvent> events = new CopyOnWriteArrayList<>();
    volatile Throwable error;

    @Override
    public void onOpen(SuccessfulHttpResponse response) {
      calls.add("open " + response.statusCode());
    }

    @Override
    public void onEvent(ServerSentEvent event) {
      calls.add("event");
      events.add(event);
    }

    @Override
    public void onError(Throwable error) {
      calls.add("error");
      this.error = error;
    }

    @Override
    public void onClose() {
      calls.add("close");
    }
  }

  private Recorded stream() {
    return stream(provider.baseUrl());
  }

  private static Recorded stream(String base) {
    Recorded listener = new Recorded();
    ProviderTransport.builder()
        .readTimeout(Duration.ofSeconds(5))
        .build()
        .execute(
            HttpRequest.builder()
                .method(HttpMethod.POST)
                .url(base + "/v1/stream")
                .addHeader("Content-Type", "application/json")
                .body("{}")
                .build(),
            new DefaultServerSentEventParser(),
            listener);
    return listener;
  }

  @Test
  void a_streamed_answer_reaches_the_listener_event_by_event_between_open_and_close() {
    provider.stubFor(
        post(urlEqualTo("/v1/stream"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody("event: delta\ndata: {\"a\":1}\n\ndata: [DONE]\n\n")));

    Recorded listener = stream();

    assertThat(listener.calls).containsExactly("open 200", "event", "event", "close");
    assertThat(listener.events.get(0).event()).isEqualTo("delta");
    assertThat(listener.events.get(0).data()).isEqualTo("{\"a\":1}");
    assertThat(listener.events.get(1).data()).isEqualTo("[DONE]");
  }

  @Test
  void a_refused_stream_is_an_error_that_keeps_status_and_headers() {
    provider.stubFor(
        post(urlEqualTo("/v1/stream"))
            .willReturn(
                aResponse().withStatus(429).withHeader("Retry-After", "7").withBody("slow down")));

    Recorded listener = stream();

    assertThat(listener.calls).containsExactly("error");
    assertThat(listener.error).isInstanceOf(ProviderHttpError.class);
    ProviderHttpError error = (ProviderHttpError) listener.error;
    assertThat(error.statusCode()).isEqualTo(429);
    assertThat(error.getMessage()).contains("slow down");
  }

  @Test
  void a_provider_that_cannot_be_reached_is_an_error_not_an_exception() {
    String gone = provider.baseUrl();
    provider.stop();

    Recorded listener = stream(gone);

    assertThat(listener.calls).containsExactly("error");
  }
}
