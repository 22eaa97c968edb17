package dev.spool.clientit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.spool.adapter.llm.SimulatorSettings;
import dev.spool.bootstrap.http.TestServer;
import dev.spool.generated.ApiClient;
import dev.spool.generated.ApiException;
import dev.spool.generated.api.BatchesApi;
import dev.spool.generated.api.ControlsApi;
import dev.spool.generated.api.ProgressApi;
import dev.spool.generated.model.BatchDetail;
import dev.spool.generated.model.BatchItemInput;
import dev.spool.generated.model.BatchPage;
import dev.spool.generated.model.BatchStatus;
import dev.spool.generated.model.BatchSummary;
import dev.spool.generated.model.CancelResult;
import dev.spool.generated.model.CreateBatchRequest;
import dev.spool.generated.model.Created;
import dev.spool.generated.model.CreatedResponse;
import dev.spool.generated.model.DifficultyDistribution;
import dev.spool.generated.model.ErrorResponse;
import dev.spool.generated.model.GenerationRequest;
import dev.spool.generated.model.Item;
import dev.spool.generated.model.ItemListRequest;
import dev.spool.generated.model.ItemPage;
import dev.spool.generated.model.ItemStatus;
import dev.spool.generated.model.Question;
import dev.spool.generated.model.Scope;
import dev.spool.generated.model.StreamTicket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java client that openapi-generator makes from our document, with no type mappings and no
 * edits, drives a faculty member's whole journey against a real server: both create forms, reads,
 * paging, every control, and the typed errors. The server behind it checks each response against
 * the same document, so a field that drifted fails here twice.
 */
class GeneratedClientJourneyIT {
  private static final Duration LONG = Duration.ofSeconds(60);
  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            SimulatorSettings.defaults()
                .withLatency(Duration.ofMillis(40), Duration.ofMillis(20))
                .withRates(0.3, 0, 0, 0));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A client as an integrator builds one: the generated ApiClient, a bearer token on each call. */
  private static ApiClient client(String token) {
    ApiClient client = new ApiClient();
    client.updateBaseUri("http://127.0.0.1:" + server.server().port());
    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    return client;
  }

  private static GenerationRequest generation(UUID course, int count) {
    return new GenerationRequest()
        .courseId(course)
        .name("Cardiology, " + count + " questions")
        .targetCount(count)
        .scope(new Scope().sloIds(List.of(UUID.randomUUID())))
        .questionType(GenerationRequest.QuestionTypeEnum.SINGLE_BEST_ANSWER)
        .difficultyDistribution(new DifficultyDistribution().easy(30).medium(50).hard(20))
        .concurrency(4)
        .maxRetries(0);
  }

  @Test
  void a_generated_client_creates_reads_pages_and_steers_batches_end_to_end() throws Exception {
    UUID user = UUID.randomUUID();
    UUID course = UUID.randomUUID();
    ApiClient client = client(TestServer.faculty(user));
    BatchesApi batches = new BatchesApi(client);
    ControlsApi controls = new ControlsApi(client);

    // create, generation form, twice with one Idempotency-Key: one batch
    String key = "journey-" + UUID.randomUUID();
    CreateBatchRequest request = new CreateBatchRequest(generation(course, 30));
    CreatedResponse created = batches.createBatch(request, key);
    assertThat(created.getError()).isNull();
    Created batch = created.getData();
    assertThat(batch.getStatus()).isIn(BatchStatus.PENDING, BatchStatus.RUNNING);
    assertThat(batch.getTotalItems()).isEqualTo(30);
    Created again = batches.createBatch(request, key).getData();
    assertThat(again.getBatchId()).isEqualTo(batch.getBatchId());

    // create, item-list form
    List<BatchItemInput> inputs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      inputs.add(new BatchItemInput().name("item " + i).prompt("Write question " + i));
    }
    Created listed =
        batches
            .createBatch(
                new CreateBatchRequest(
                    new ItemListRequest()
                        .courseId(course)
                        .name("hand-picked")
                        .items(inputs)
                        .concurrency(2)
                        .maxRetries(0)),
                null)
            .getData();
    assertThat(listed.getTotalItems()).isEqualTo(6);

    // get, until the generation batch finishes (with some failures at a 30% failure rate)
    UUID id = batch.getBatchId();
    BatchDetail finished =
        awaitValue(
            () -> batches.getBatch(id, null, null).getData(),
            d ->
                d.getStatus() == BatchStatus.COMPLETED_WITH_ERRORS
                    || d.getStatus() == BatchStatus.COMPLETED);
    assertThat(finished.getCompletedItems() + finished.getFailedItems()).isEqualTo(30);
    assertThat(finished.getConfig().getKind().getValue()).isEqualTo("generation");
    assertThat(finished.getConcurrency().getConfigured()).isEqualTo(4);
    assertThat(finished.getTokens().getTotal()).isPositive();

    // items, paged with a cursor, and one question
    List<Item> all = new ArrayList<>();
    String cursor = null;
    do {
      ItemPage page = batches.listItems(id, null, 7, cursor).getData();
      assertThat(page.getItems()).hasSizeLessThanOrEqualTo(7);
      all.addAll(page.getItems());
      cursor = page.getNextCursor();
    } while (cursor != null);
    assertThat(all).hasSize(30).extracting(Item::getIndex).isSorted();
    Item done =
        all.stream().filter(i -> i.getStatus() == ItemStatus.COMPLETED).findFirst().orElseThrow();
    Question question = batches.getQuestion(done.getQuestionId()).getData();
    assertThat(question.getBatchId()).isEqualTo(id);
    assertThat(question.getOptions()).isNotEmpty();
    assertThat(question.getStem()).isNotBlank();

    // retry-failed reopens the finished batch for its failed items
    assertThat(finished.getFailedItems()).as("a 30% failure rate, no retries").isPositive();
    {
      assertThat(all).anySatisfy(i -> assertThat(i.getError()).isNotNull());
      assertThat(controls.retryFailed(id).getData().getStatus()).isEqualTo(BatchStatus.RUNNING);
      awaitValue(
          () -> batches.getBatch(id, null, null).getData(),
          d -> d.getStatus().getValue().startsWith("completed"));
    }

    // a bigger batch to pause, resume and cancel
    UUID big =
        batches
            .createBatch(new CreateBatchRequest(generation(course, 400)), null)
            .getData()
            .getBatchId();
    assertThat(controls.pause(big).getData().getStatus()).isEqualTo(BatchStatus.PAUSED);
    assertThat(batches.getBatch(big, null, null).getData().getPauseReason())
        .isEqualTo(dev.spool.generated.model.PauseReason.REQUESTED);
    assertThat(controls.resume(big, null).getData().getStatus()).isEqualTo(BatchStatus.RUNNING);
    // a budget, set and then removed; the money fields come back typed
    var budgeted =
        controls
            .setBudget(
                big,
                new dev.spool.generated.model.BudgetRequest()
                    .budgetUsd(new java.math.BigDecimal("12.5")))
            .getData();
    assertThat(budgeted.getBudgetUsd()).isEqualByComparingTo("12.5");
    assertThat(budgeted.getSpentUsd()).isNotNull();
    assertThat(
            controls
                .setBudget(big, new dev.spool.generated.model.BudgetRequest().budgetUsd(null))
                .getData()
                .getBudgetUsd())
        .isNull();
    var money = new dev.spool.generated.api.MoneyApi(client);
    assertThat(money.getPrices().getData().getPrices())
        .anySatisfy(p -> assertThat(p.getProvider()).isEqualTo("simulated"));
    assertThat(money.getAccount().getData().getWeight()).isEqualByComparingTo("1");
    CancelResult cancel = controls.cancel(big).getData();
    assertThat(cancel.getStatus()).isEqualTo(BatchStatus.CANCELLED);
    assertThat(cancel.getCancelledItems() + cancel.getCompletedItems() + cancel.getInFlightItems())
        .isLessThanOrEqualTo(400);

    // a stream ticket, as a browser's EventSource needs
    StreamTicket ticket = new ProgressApi(client).streamTicket(big).getData();
    assertThat(ticket.getTicket()).isNotBlank();
    assertThat(ticket.getExpiresAt()).isNotNull();

    // list: a status filter and a cursor
    BatchPage cancelledOnly = batches.listBatches(BatchStatus.CANCELLED, 10, null).getData();
    assertThat(cancelledOnly.getItems()).extracting(BatchSummary::getId).containsExactly(big);
    List<UUID> listedIds = new ArrayList<>();
    cursor = null;
    do {
      BatchPage page = batches.listBatches(null, 1, cursor).getData();
      page.getItems().forEach(s -> listedIds.add(s.getId()));
      cursor = page.getNextCursor();
    } while (cursor != null);
    assertThat(listedIds).containsExactly(big, listed.getBatchId(), id);

    // delete a finished batch; then it is gone
    awaitValue(
        () -> batches.getBatch(big, null, null).getData(),
        d -> d.getInProgressItems() == 0 && d.getPendingItems() == 0);
    var deleted = batches.deleteBatch(big).getData();
    assertThat(deleted.getDeleted()).isTrue();
    assertThat(deleted.getBatchId()).isEqualTo(big);
    assertThat(error(() -> batches.getBatch(big, null, null), 404).getError().getCode())
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void errors_arrive_as_typed_envelopes_with_their_codes() throws Exception {
    UUID owner = UUID.randomUUID();
    BatchesApi mine = new BatchesApi(client(TestServer.faculty(owner)));
    UUID id =
        mine.createBatch(new CreateBatchRequest(generation(UUID.randomUUID(), 3)), null)
            .getData()
            .getBatchId();

    ErrorResponse invalid =
        error(
            () ->
                mine.createBatch(
                    new CreateBatchRequest(generation(UUID.randomUUID(), 0).maxRetries(99)), null),
            400);
    assertThat(invalid.getData()).isNull();
    assertThat(invalid.getError().getCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(invalid.getError().getDetails())
        .extracting(f -> f.getField())
        .contains("targetCount", "maxRetries");

    BatchesApi stranger = new BatchesApi(client(TestServer.faculty(UUID.randomUUID())));
    assertThat(error(() -> stranger.getBatch(id, null, null), 403).getError().getCode())
        .isEqualTo("FORBIDDEN");
    BatchesApi student = new BatchesApi(client(TestServer.token(UUID.randomUUID(), "student")));
    assertThat(
            error(
                    () ->
                        student.createBatch(
                            new CreateBatchRequest(generation(UUID.randomUUID(), 3)), null),
                    403)
                .getError()
                .getMessage())
        .isNotBlank();
    assertThat(error(() -> mine.getBatch(UUID.randomUUID(), null, null), 404).getError().getCode())
        .isEqualTo("NOT_FOUND");
  }

  /** The error envelope of a call that must fail with {@code status}, read as the typed model. */
  private static ErrorResponse error(Callable<?> call, int status) throws Exception {
    ApiException failure = catchThrowableOfType(ApiException.class, call::call);
    assertThat(failure).as("the call must fail with HTTP %d", status).isNotNull();
    assertThat(failure.getCode()).isEqualTo(status);
    return new ApiClient()
        .getObjectMapper()
        .readValue(failure.getResponseBody(), ErrorResponse.class);
  }

  private static <T> T awaitValue(Callable<T> read, java.util.function.Predicate<T> done) {
    List<T> last = new ArrayList<>(1);
    await()
        .atMost(LONG)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> {
          T value = read.call();
          last.clear();
          last.add(value);
          return done.test(value);
        });
    return last.getFirst();
  }
}
