package dev.spool.clientit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.launchdarkly.eventsource.ConnectStrategy;
import com.launchdarkly.eventsource.DefaultRetryDelayStrategy;
import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import com.launchdarkly.eventsource.background.BackgroundEventHandler;
import com.launchdarkly.eventsource.background.BackgroundEventSource;
import com.networknt.schema.Schema;
import dev.spool.adapter.llm.SimulatorSettings;
import dev.spool.bootstrap.http.TestServer;
import dev.spool.generated.ApiClient;
import dev.spool.generated.api.BatchesApi;
import dev.spool.generated.api.ControlsApi;
import dev.spool.generated.api.ProgressApi;
import dev.spool.generated.model.BatchItemInput;
import dev.spool.generated.model.BatchStatus;
import dev.spool.generated.model.CreateBatchRequest;
import dev.spool.generated.model.ItemListRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A spec-compliant EventSource (LaunchDarkly's okhttp-eventsource) follows a batch through three
 * rounds (the run and two retry-failed rounds) while a relay tears its connection mid-frame again
 * and again. It reconnects on its own, to the same URL with the same ticket, sending Last-Event-ID
 * as the spec says; the test never helps it. It must see every event of the log once and in order,
 * across the rounds' three {@code batch.complete}s, and each event's data must match the schema the
 * OpenAPI document gives it.
 */
class EventSourceResumeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ITEMS = 60;
  private static final int ROUNDS = 3;
  private static TestServer server;
  private static Schema eventSchema;

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(
            SimulatorSettings.defaults()
                .withLatency(Duration.ofMillis(30), Duration.ofMillis(10))
                .withRates(0.5, 0, 0, 0));
    eventSchema = OpenApiSchemas.component("ProgressEvent");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Received(String name, String id, String data) {}

  @Test
  void an_event_source_cut_again_and_again_gets_every_event_once_in_order_across_retry_rounds()
      throws Exception {
    ApiClient client = new ApiClient();
    client.updateBaseUri("http://127.0.0.1:" + server.server().port());
    String token = TestServer.faculty(UUID.randomUUID());
    client.setRequestInterceptor(r -> r.header("Authorization", "Bearer " + token));
    BatchesApi batches = new BatchesApi(client);
    ControlsApi controls = new ControlsApi(client);
    List<BatchItemInput> items =
        IntStream.range(0, ITEMS)
            .mapToObj(i -> new BatchItemInput().name("q" + i).prompt("question " + i))
            .toList();
    UUID batch =
        batches
            .createBatch(
                new CreateBatchRequest(
                    new ItemListRequest()
                        .courseId(UUID.randomUUID())
                        .items(items)
                        .concurrency(1)
                        .maxRetries(0)),
                null)
            .getData()
            .getBatchId();
    String ticket = new ProgressApi(client).streamTicket(batch).getData().getTicket();

    List<Received> received = new CopyOnWriteArrayList<>();
    CountDownLatch over = new CountDownLatch(1);
    try (CuttingRelay relay = new CuttingRelay(server.server().port(), 25, 6)) {
      URI url =
          URI.create(
              "http://127.0.0.1:"
                  + relay.port()
                  + "/api/v1/generation/batch/"
                  + batch
                  + "/progress?ticket="
                  + ticket);
      BackgroundEventSource source =
          new BackgroundEventSource.Builder(
                  new Handler(received, over),
                  new EventSource.Builder(
                          ConnectStrategy.http(url).readTimeout(30, TimeUnit.SECONDS))
                      .retryDelayStrategy(
                          DefaultRetryDelayStrategy.defaultStrategy().backoffMultiplier(1)))
              .build();
      source.start();
      try {
        for (int round = 1; round < ROUNDS; round++) {
          awaitStatus(batches, batch, BatchStatus.COMPLETED_WITH_ERRORS);
          assertThat(controls.retryFailed(batch).getData().getStatus())
              .isEqualTo(BatchStatus.RUNNING);
        }
        assertThat(over.await(120, TimeUnit.SECONDS))
            .as("the client saw the last round's batch.complete")
            .isTrue();
      } finally {
        source.close();
      }
      assertThat(relay.cuts()).isGreaterThanOrEqualTo(5);
      assertThat(relay.connections()).isGreaterThan(relay.cuts());
    }

    List<Received> events = received.stream().filter(e -> !e.name().equals("heartbeat")).toList();
    Received snapshot = events.getFirst();
    assertThat(snapshot.name()).isEqualTo("batch.progress");
    List<Long> ids = events.stream().skip(1).map(e -> Long.parseLong(e.id())).toList();
    assertThat(ids).as("each id once, in order").isSorted().doesNotHaveDuplicates();
    assertThat(events.stream().filter(e -> e.name().equals("batch.complete")).count())
        .isEqualTo(ROUNDS);
    assertThat(events.getLast().name()).isEqualTo("batch.complete");

    // the whole log after the snapshot, read by a fresh, uncut client: the same ids exactly
    List<Received> replay = replay(batch, ticket, snapshot.id());
    assertThat(ids)
        .containsExactlyElementsOf(replay.stream().map(e -> Long.parseLong(e.id())).toList());
    var detail = batches.getBatch(batch, null, null).getData();
    // The watch reads its resume point before the snapshot, so a completion committed between
    // the two is in both (WatchBatch documents the overlap); none may be missing or repeated.
    List<String> completedItems =
        events.stream()
            .filter(e -> e.name().equals("item.completed"))
            .map(e -> itemId(e.data()))
            .toList();
    assertThat(completedItems).as("each item completes once").doesNotHaveDuplicates();
    assertThat(completedItems.size())
        .as("every completion after the snapshot")
        .isBetween(
            detail.getCompletedItems() - JSON.readTree(snapshot.data()).get("completed").asInt(),
            detail.getCompletedItems());

    ObjectNode wrong = JSON.createObjectNode().put("event", "item.completed").put("id", "1");
    wrong.putObject("data").put("index", 0);
    assertThat(eventSchema.validate(wrong)).as("the schema check can fail").isNotEmpty();
    for (Received event : received) {
      ObjectNode frame = JSON.createObjectNode();
      frame.put("event", event.name());
      if (!event.name().equals("heartbeat")) {
        frame.put("id", event.id());
      }
      frame.set("data", JSON.readTree(event.data()));
      assertThat(eventSchema.validate(frame)).as("%s matches openapi.json", frame).isEmpty();
    }
  }

  /** A reconnect after the end, with the last id: the final event again, then the end. */
  private static List<Received> replay(UUID batch, String ticket, String after) throws Exception {
    List<Received> received = new CopyOnWriteArrayList<>();
    CountDownLatch over = new CountDownLatch(1);
    URI url =
        URI.create(
            "http://127.0.0.1:"
                + server.server().port()
                + "/api/v1/generation/batch/"
                + batch
                + "/progress?ticket="
                + ticket);
    try (BackgroundEventSource source =
        new BackgroundEventSource.Builder(
                new Handler(received, over), new EventSource.Builder(url).lastEventId(after))
            .build()) {
      source.start();
      assertThat(over.await(30, TimeUnit.SECONDS)).isTrue();
    }
    return new ArrayList<>(received);
  }

  /** What an application does: keep the events, and close once the last round has finished. */
  private static final class Handler implements BackgroundEventHandler {
    private final List<Received> received;
    private final CountDownLatch over;
    private int completes;

    Handler(List<Received> received, CountDownLatch over) {
      this.received = received;
      this.over = over;
    }

    @Override
    public void onOpen() {}

    @Override
    public void onClosed() {}

    @Override
    public void onMessage(String event, MessageEvent message) {
      received.add(new Received(event, message.getLastEventId(), message.getData()));
      if (event.equals("batch.complete")) {
        completes++;
        JsonNode data;
        try {
          data = JSON.readTree(message.getData());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        if (completes == ROUNDS || data.get("totalFailed").asInt() == 0) {
          over.countDown();
        }
      }
    }

    @Override
    public void onComment(String comment) {}

    @Override
    public void onError(Throwable t) {}
  }

  private static String itemId(String data) {
    try {
      return JSON.readTree(data).get("itemId").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitStatus(BatchesApi batches, UUID batch, BatchStatus status) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> batches.getBatch(batch, null, null).getData().getStatus() == status);
  }
}
