package dev.spool.adapter.llm.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.spool.adapter.llm.provider.ProviderFixtures.API_KEY;
import static dev.spool.adapter.llm.provider.ProviderFixtures.COURSE;
import static dev.spool.adapter.llm.provider.ProviderFixtures.JSON;
import static dev.spool.adapter.llm.provider.ProviderFixtures.SLO;
import static dev.spool.adapter.llm.provider.ProviderFixtures.anthropicAnswer;
import static dev.spool.adapter.llm.provider.ProviderFixtures.openAiAnswer;
import static dev.spool.adapter.llm.provider.ProviderFixtures.questionJson;
import static dev.spool.adapter.llm.provider.ProviderFixtures.request;
import static dev.spool.adapter.llm.provider.ProviderFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.spool.adapter.llm.provider.LlmSettings.Provider;
import dev.spool.domain.config.Difficulty;
import dev.spool.domain.config.ScopeRef;
import dev.spool.domain.dispatch.BatchItemError;
import dev.spool.domain.dispatch.BatchPipelineError;
import dev.spool.domain.question.GeneratedQuestion;
import dev.spool.domain.question.QuestionRules;
import dev.spool.domain.question.QuestionValidator;
import dev.spool.domain.question.TokenUsage;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both providers' protocols against a local WireMock server speaking them. */
class ProviderQuestionGeneratorTest {
  private static final String OPENAI_PATH = "/v1/chat/completions";
  private static final String ANTHROPIC_PATH = "/v1/messages";
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  private WireMockServer wire;

  @BeforeEach
  void start() {
    wire = new WireMockServer(options().dynamicPort());
    wire.start();
  }

  @AfterEach
  void stop() {
    wire.stop();
  }

  private ProviderQuestionGenerator generator(Provider provider) {
    return generator(provider, Duration.ofSeconds(5));
  }

  private ProviderQuestionGenerator generator(Provider provider, Duration timeout) {
    return ProviderQuestionGenerator.create(
        settings(provider, wire.baseUrl() + "/v1", timeout), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private void openAiAnswers(ResponseDefinitionBuilder response) {
    wire.stubFor(post(urlEqualTo(OPENAI_PATH)).willReturn(response));
  }

  private void anthropicAnswers(ResponseDefinitionBuilder response) {
    wire.stubFor(post(urlEqualTo(ANTHROPIC_PATH)).willReturn(response));
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private JsonNode onlyRequestBody(String path) throws Exception {
    var requests = wire.findAll(postRequestedFor(urlEqualTo(path)));
    assertThat(requests).hasSize(1);
    return JSON.readTree(requests.getFirst().getBodyAsString());
  }

  @Test
  void openai_asks_for_the_schema_with_the_items_prompt_and_reads_question_and_usage()
      throws Exception {
    openAiAnswers(json(200, openAiAnswer(questionJson("hard"), 321, 123)));

    GeneratedQuestion q = generator(Provider.OPENAI).generate(request(Difficulty.HARD));

    assertThat(q.stem()).startsWith("A 58-year-old man");
    assertThat(q.options()).hasSize(4);
    assertThat(q.correctLabel()).isEqualTo("B");
    assertThat(q.difficulty()).isEqualTo(Difficulty.HARD);
    assertThat(q.scope()).containsExactly(new ScopeRef(ScopeRef.Kind.SLO, SLO));
    assertThat(q.provider()).isEqualTo("openai");
    assertThat(q.model()).isEqualTo("gpt-test-2026-01-01");
    assertThat(q.usage()).isEqualTo(new TokenUsage(321, 123));
    assertThat(new QuestionValidator(QuestionRules.DEFAULT).error(q, Optional.of(Difficulty.HARD)))
        .isEmpty();

    wire.verify(
        postRequestedFor(urlEqualTo(OPENAI_PATH))
            .withHeader("Authorization", equalTo("Bearer " + API_KEY)));
    JsonNode body = onlyRequestBody(OPENAI_PATH);
    assertThat(body.path("model").asText()).isEqualTo("gpt-test");
    assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_schema");
    JsonNode schema = body.path("response_format").path("json_schema");
    assertThat(schema.path("strict").asBoolean()).isTrue();
    assertThat(schema.path("schema").path("required").toString())
        .contains("stem", "options", "correctLabel", "explanation", "difficulty", "scopeIds");
    assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
    assertThat(body.path("messages").get(0).path("content").asText()).contains("all of the above");
    String user = body.path("messages").get(1).path("content").asText();
    assertThat(user)
        .contains("Difficulty: hard")
        .contains(SLO.toString())
        .contains(COURSE.toString())
        .contains("single best answer");
  }

  @Test
  void cached_prompt_tokens_are_read_from_each_providers_usage_report() throws Exception {
    openAiAnswers(json(200, openAiAnswer(questionJson("hard"), 321, 123, 200)));
    assertThat(generator(Provider.OPENAI).generate(request(Difficulty.HARD)).usage())
        .isEqualTo(new TokenUsage(321, 123, 200));

    // Anthropic counts cache reads and writes apart from input_tokens
    anthropicAnswers(json(200, anthropicAnswer(questionJson("easy"), 300, 100, 1_000, 50)));
    assertThat(generator(Provider.ANTHROPIC).generate(request(Difficulty.EASY)).usage())
        .isEqualTo(new TokenUsage(1_350, 100, 1_000));
  }

  @Test
  void anthropic_speaks_the_messages_api_and_reads_question_and_usage() throws Exception {
    anthropicAnswers(json(200, anthropicAnswer(questionJson("easy"), 300, 100)));

    GeneratedQuestion q = generator(Provider.ANTHROPIC).generate(request(Difficulty.EASY));

    assertThat(q.correctLabel()).isEqualTo("B");
    assertThat(q.difficulty()).isEqualTo(Difficulty.EASY);
    assertThat(q.provider()).isEqualTo("anthropic");
    assertThat(q.model()).isEqualTo("claude-test-2026");
    assertThat(q.usage()).isEqualTo(new TokenUsage(300, 100));

    wire.verify(
        postRequestedFor(urlEqualTo(ANTHROPIC_PATH)).withHeader("x-api-key", equalTo(API_KEY)));
    LoggedRequest sent = wire.findAll(postRequestedFor(urlEqualTo(ANTHROPIC_PATH))).getFirst();
    assertThat(sent.getHeader("anthropic-version")).isNotBlank();
    JsonNode body = onlyRequestBody(ANTHROPIC_PATH);
    assertThat(body.path("model").asText()).isEqualTo("claude-test");
    assertThat(body.path("max_tokens").asInt()).isEqualTo(700);
    assertThat(body.path("system").toString()).contains("exam questions");
    assertThat(body.path("messages").toString())
        .contains("Difficulty: easy")
        .contains(SLO.toString());
    JsonNode format = body.path("output_config").path("format");
    assertThat(format.path("type").asText()).as("structured output").isEqualTo("json_schema");
    assertThat(format.path("schema").path("required").toString())
        .contains("stem", "options", "correctLabel", "explanation", "difficulty", "scopeIds");
    assertThat(format.path("schema").path("additionalProperties").asBoolean(true)).isFalse();
  }

  @Test
  void a_server_without_schema_support_gets_json_mode_and_the_same_strict_reading()
      throws Exception {
    openAiAnswers(json(200, openAiAnswer(questionJson("hard"), 10, 10)));
    LlmSettings plain = settings(Provider.OPENAI, wire.baseUrl() + "/v1", Duration.ofSeconds(5));
    LlmSettings jsonMode =
        new LlmSettings(
            plain.provider(),
            Optional.empty(),
            plain.model(),
            plain.baseUrl(),
            plain.timeout(),
            plain.maxOutputTokens(),
            LlmSettings.Output.JSON);

    GeneratedQuestion q =
        ProviderQuestionGenerator.create(jsonMode, Clock.systemUTC())
            .generate(request(Difficulty.HARD));

    assertThat(q.correctLabel()).isEqualTo("B");
    JsonNode body = onlyRequestBody(OPENAI_PATH);
    assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_object");
    assertThat(body.path("response_format").has("json_schema")).isFalse();
  }

  @Test
  void an_answer_wrapped_in_a_markdown_fence_is_repaired() {
    openAiAnswers(
        json(200, openAiAnswer("Here it is:\n```json\n" + questionJson("medium") + "\n```", 5, 5)));

    assertThat(generator(Provider.OPENAI).generate(request(Difficulty.MEDIUM)).correctLabel())
        .isEqualTo("B");
  }

  @Test
  void malformed_json_is_a_retryable_invalid_output() {
    openAiAnswers(json(200, openAiAnswer("{\"stem\": \"A man\", \"options\": [", 5, 5)));

    BatchItemError error = itemError(Provider.OPENAI);
    assertThat(error.code()).isEqualTo("INVALID_OUTPUT");
    assertThat(error.retryable()).isTrue();
    assertThat(error.getMessage()).contains("not one JSON object");
  }

  @Test
  void an_answer_that_breaks_the_schema_is_a_retryable_invalid_output() throws Exception {
    var broken =
        (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(questionJson("easy"));
    broken.remove("explanation");
    broken.put("surprise", 1);
    openAiAnswers(json(200, openAiAnswer(broken.toString(), 5, 5)));

    BatchItemError error = itemError(Provider.OPENAI);
    assertThat(error.code()).isEqualTo("INVALID_OUTPUT");
    assertThat(error.getMessage()).contains("surprise");
  }

  @Test
  void a_scope_id_the_item_did_not_ask_for_is_refused() throws Exception {
    var other =
        (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(questionJson("easy"));
    other.putArray("scopeIds").add("00000000-0000-0000-0000-000000000001");
    openAiAnswers(json(200, openAiAnswer(other.toString(), 5, 5)));

    assertThat(itemError(Provider.OPENAI).getMessage()).contains("not one of the item's");
  }

  @Test
  void a_429_waits_as_long_as_retry_after_says() {
    openAiAnswers(
        json(429, "{\"error\":{\"message\":\"Rate limit reached\"}}")
            .withHeader("Retry-After", "7"));

    BatchItemError error = itemError(Provider.OPENAI);
    assertThat(error.code()).isEqualTo("RATE_LIMITED");
    assertThat(error.retryable()).isTrue();
    assertThat(error.retryAfter()).contains(Duration.ofSeconds(7));
  }

  @Test
  void without_retry_after_a_429_waits_for_the_providers_rate_limit_reset() {
    openAiAnswers(
        json(429, "{}")
            .withHeader("x-ratelimit-reset-requests", "1m30s")
            .withHeader("x-ratelimit-reset-tokens", "250ms"));
    assertThat(itemError(Provider.OPENAI).retryAfter()).contains(Duration.ofSeconds(90));

    anthropicAnswers(
        json(429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\"}}")
            .withHeader("anthropic-ratelimit-requests-reset", NOW.plusSeconds(12).toString()));
    assertThat(itemError(Provider.ANTHROPIC).retryAfter()).contains(Duration.ofSeconds(12));
  }

  @Test
  void a_429_for_an_exhausted_quota_fails_the_batch() {
    openAiAnswers(json(429, "{\"error\":{\"code\":\"insufficient_quota\"}}"));

    assertThatThrownBy(() -> generator(Provider.OPENAI).generate(request(Difficulty.EASY)))
        .isInstanceOf(BatchPipelineError.class)
        .hasMessageContaining("quota");
  }

  @Test
  void server_errors_are_retried() {
    openAiAnswers(json(500, "{\"error\":{\"message\":\"boom\"}}"));
    BatchItemError error = itemError(Provider.OPENAI);
    assertThat(error.code()).isEqualTo("PROVIDER_ERROR");
    assertThat(error.retryable()).isTrue();
    assertThat(error.getMessage()).contains("HTTP 500");

    anthropicAnswers(
        json(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}")
            .withHeader("Retry-After", "3"));
    BatchItemError overloaded = itemError(Provider.ANTHROPIC);
    assertThat(overloaded.retryable()).isTrue();
    assertThat(overloaded.retryAfter()).contains(Duration.ofSeconds(3));
  }

  @Test
  void a_slow_provider_times_out_retryably() {
    openAiAnswers(json(200, openAiAnswer(questionJson("easy"), 1, 1)).withFixedDelay(2_000));

    long start = System.nanoTime();
    BatchItemError error =
        catchThrowableOfType(
            BatchItemError.class,
            () ->
                generator(Provider.OPENAI, Duration.ofMillis(300))
                    .generate(request(Difficulty.EASY)));
    assertThat(error.code()).isEqualTo("TIMEOUT");
    assertThat(error.retryable()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
  }

  @Test
  void a_refused_connection_is_retryable() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    ProviderQuestionGenerator nowhere =
        ProviderQuestionGenerator.create(
            settings(Provider.OPENAI, "http://127.0.0.1:" + closed + "/v1", Duration.ofSeconds(2)),
            Clock.systemUTC());

    BatchItemError error =
        catchThrowableOfType(
            BatchItemError.class, () -> nowhere.generate(request(Difficulty.EASY)));
    assertThat(error.code()).isEqualTo("CONNECTION_ERROR");
    assertThat(error.retryable()).isTrue();
    assertThat(error.getMessage()).contains("could not be reached");
  }

  @Test
  void rejected_credentials_or_an_unknown_model_fail_the_batch_without_showing_the_key() {
    openAiAnswers(
        json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + API_KEY + "\"}}"));
    assertThatThrownBy(() -> generator(Provider.OPENAI).generate(request(Difficulty.EASY)))
        .isInstanceOf(BatchPipelineError.class)
        .hasMessageContaining("refused the credentials (HTTP 401)")
        .hasMessageNotContaining(API_KEY);

    anthropicAnswers(
        json(
            404,
            "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model: claude-test\"}}"));
    assertThatThrownBy(() -> generator(Provider.ANTHROPIC).generate(request(Difficulty.EASY)))
        .isInstanceOf(BatchPipelineError.class)
        .hasMessageContaining("does not know the model \"claude-test\"");
  }

  @Test
  void a_400_on_the_content_fails_the_item_retryably() {
    anthropicAnswers(
        json(
            400,
            "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long\"}}"));

    BatchItemError error = itemError(Provider.ANTHROPIC);
    assertThat(error.code()).isEqualTo("PROVIDER_REJECTED");
    assertThat(error.retryable()).isTrue();
    assertThat(error.getMessage()).contains("prompt is too long");
  }

  @Test
  void settings_never_print_the_key() {
    assertThat(settings(Provider.OPENAI, "http://localhost/v1", Duration.ofSeconds(1)).toString())
        .doesNotContain(API_KEY)
        .contains("apiKey=(set)");
    assertThat(generator(Provider.ANTHROPIC).toString()).doesNotContain(API_KEY);
  }

  private BatchItemError itemError(Provider provider) {
    return catchThrowableOfType(
        BatchItemError.class, () -> generator(provider).generate(request(Difficulty.EASY)));
  }
}
