package dev.spool.adapter.llm.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.spool.adapter.llm.provider.ProviderFixtures.openAiAnswer;
import static dev.spool.adapter.llm.provider.ProviderFixtures.questionJson;
import static dev.spool.adapter.llm.provider.ProviderFixtures.settings;
import static dev.spool.application.fake.SpoolTestKit.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.spool.adapter.llm.provider.LlmSettings.Provider;
import dev.spool.application.Spool;
import dev.spool.application.fake.SpoolTestKit;
import dev.spool.application.port.in.CreateBatch;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.CourseId;
import dev.spool.domain.config.GenerationDraft;
import dev.spool.domain.question.TokenUsage;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher driving the OpenAI client against WireMock: what a provider's answers do to a
 * batch.
 */
class ProviderDispatchTest {
  private static final String PATH = "/v1/chat/completions";

  private WireMockServer wire;
  private SpoolTestKit kit;
  private Spool spool;

  @BeforeEach
  void start() {
    wire = new WireMockServer(options().dynamicPort().containerThreads(64));
    wire.start();
    kit =
        new SpoolTestKit()
            .using(
                ProviderQuestionGenerator.create(
                    settings(Provider.OPENAI, wire.baseUrl() + "/v1", Duration.ofSeconds(5)),
                    Clock.systemUTC()));
    spool = kit.started("n1");
  }

  @AfterEach
  void stop() {
    kit.close();
    wire.stop();
  }

  private static ResponseDefinitionBuilder ok() {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(openAiAnswer(questionJson("medium"), 321, 123));
  }

  private static ResponseDefinitionBuilder rateLimited(String retryAfter) {
    return aResponse()
        .withStatus(429)
        .withHeader("Retry-After", retryAfter)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"Rate limit reached\"}}");
  }

  /** Medium questions on the fixtures' SLO: what the stubbed answer is, so it passes validation. */
  private static CreateBatch.Command mediumQuestions(int count, int concurrency, int maxRetries) {
    return new CreateBatch.Command(
        OWNER,
        new CourseId(ProviderFixtures.COURSE),
        Optional.empty(),
        new GenerationDraft(
            count,
            List.of(ProviderFixtures.SLO),
            List.of(),
            "single_best_answer",
            0,
            100,
            0,
            null,
            concurrency,
            maxRetries),
        Optional.empty());
  }

  @Test
  void rejected_credentials_fail_the_batch_at_once_instead_of_every_item() {
    wire.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse().withStatus(401).withBody("{\"error\":{\"message\":\"bad key\"}}")));

    Batch batch = spool.useCases().createBatch().create(mediumQuestions(40, 3, 2)).batch();
    Batch done = kit.awaitFinished(batch.id());

    assertThat(done.status()).isEqualTo(BatchStatus.FAILED);
    assertThat(done.failureReason()).hasValueSatisfying(r -> assertThat(r).contains("HTTP 401"));
    assertThat(wire.findAll(postRequestedFor(urlEqualTo(PATH))))
        .as("a handful of calls, not 40 items times 3 attempts")
        .hasSizeLessThanOrEqualTo(6);
  }

  @Test
  void a_429_retry_after_is_honoured_before_the_next_call() {
    wire.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("limited")
            .whenScenarioStateIs(STARTED)
            .willReturn(rateLimited("1"))
            .willSetStateTo("open"));
    wire.stubFor(
        post(urlEqualTo(PATH)).inScenario("limited").whenScenarioStateIs("open").willReturn(ok()));

    Batch batch = spool.useCases().createBatch().create(mediumQuestions(3, 1, 2)).batch();
    Batch done = kit.awaitFinished(batch.id());

    assertThat(done.status()).isEqualTo(BatchStatus.COMPLETED);
    List<LoggedRequest> calls =
        wire.findAll(postRequestedFor(urlEqualTo(PATH))).stream()
            .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
            .toList();
    assertThat(calls).hasSize(4);
    long gap = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
    assertThat(gap).as("ms between the 429 and the next call").isGreaterThanOrEqualTo(950);
  }

  @Test
  void an_answer_that_breaks_the_schema_is_generated_again_within_the_retry_budget() {
    wire.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("broken")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(openAiAnswer("{\"stem\": \"too little\"}", 10, 5)))
            .willSetStateTo("fixed"));
    wire.stubFor(
        post(urlEqualTo(PATH)).inScenario("broken").whenScenarioStateIs("fixed").willReturn(ok()));

    Batch batch = spool.useCases().createBatch().create(mediumQuestions(1, 1, 2)).batch();
    Batch done = kit.awaitFinished(batch.id());

    assertThat(done.status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(kit.items(batch.id()).getFirst().attempts()).isEqualTo(2);
    assertThat(wire.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(2);
  }

  @Test
  void the_providers_token_usage_is_recorded_per_item_and_summed_per_batch() {
    wire.stubFor(post(urlEqualTo(PATH)).willReturn(ok()));

    Batch batch = spool.useCases().createBatch().create(mediumQuestions(5, 2, 2)).batch();
    Batch done = kit.awaitFinished(batch.id());

    assertThat(done.status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(done.tokens()).isEqualTo(new TokenUsage(5 * 321, 5 * 123));
    assertThat(kit.items(batch.id()))
        .allSatisfy(i -> assertThat(i.tokens()).isEqualTo(new TokenUsage(321, 123)));
  }

  @Test
  void a_storm_of_429s_cuts_concurrency_and_successes_grow_it_back() {
    // half a second between tries: an item's ten retries outlast the storm even when a busy
    // machine is slow to see the cut concurrency and end it (at 0.05 s they sometimes did not)
    wire.stubFor(post(urlEqualTo(PATH)).willReturn(rateLimited("0.5")));

    Batch batch = spool.useCases().createBatch().create(mediumQuestions(80, 8, 10)).batch();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> kit.batch(batch.id()).concurrency().effective() <= 2);

    wire.resetAll();
    wire.stubFor(post(urlEqualTo(PATH)).willReturn(ok()));
    Batch done = kit.awaitFinished(batch.id());

    assertThat(done.status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(done.counts().completed()).isEqualTo(80);
    assertThat(done.concurrency().effective())
        .as("back to the configured limit, never above it")
        .isEqualTo(8);
  }
}
