package dev.spool.clientit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A spec-compliant EventSource (LaunchDarkly's okhttp-eventsource) follows one owner's feed through
 * a relay that tears its connection again and again, while that owner and another run, pause,
 * resume and cancel batches. It reconnects on its own with Last-Event-ID; it must see every status
 * change and completion of the owner's batches once, in commit order, exactly as an uncut client
 * reading from the start does, and never anything of the other owner's.
 */
class OwnerFeedIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestServer server;
  private static Schema feedSchema;

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(
            SimulatorSettings.defaults().withLatency(Duration.ofMillis(40), Duration.ofMillis(10)));
    feedSchema = OpenApiSchemas.component("FeedEvent");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Received(String name, String id, String data) {}

  private static ApiClient client(String token) {
    ApiClient client = new ApiClient();
    client.updateBaseUri("http://127.0.0.1:" + server.server().port());
    client.setRequestInterceptor(r -> r.header("Authorization", "Bearer " + token));
    return client;
  }

  private static UUID create(BatchesApi batches, int items) throws Exception {
    List<BatchItemInput> list =
        IntStream.range(0, items)
            .mapToObj(i -> new BatchItemInput().name("q" + i).prompt("question " + i))
            .toList();
    return batches
        .createBatch(
            new CreateBatchRequest(
                new ItemListRequest()
                    .courseId(UUID.randomUUID())
                    .items(list)
                    .concurrency(2)
                    .maxRetries(0)),
            null)
        .getData()
        .getBatchId();
  }

  @Test
  void a_feed_cut_again_and_again_misses_no_status_change_and_shows_no_other_owners_batch()
      throws Exception {
    String ownerToken = TestServer.faculty(UUID.randomUUID());
    String strangerToken = TestServer.faculty(UUID.randomUUID());
    ApiClient owner = client(ownerToken);
    BatchesApi batches = new BatchesApi(owner);
    ControlsApi controls = new ControlsApi(owner);
    BatchesApi theirBatches = new BatchesApi(client(strangerToken));
    ControlsApi theirControls = new ControlsApi(client(strangerToken));
    String ticket = new ProgressApi(owner).feedTicket().getData().getTicket();

    List<Received> received = new CopyOnWriteArrayList<>();
    Set<UUID> mine = new HashSet<>();
    Set<UUID> theirs = new HashSet<>();
    try (CuttingRelay relay = new CuttingRelay(server.server().port(), 4, 5)) {
      BackgroundEventSource source =
          new BackgroundEventSource.Builder(
                  new Handler(received),
                  new EventSource.Builder(
                          ConnectStrategy.http(
                                  URI.create(
                                      "http://127.0.0.1:"
                                          + relay.port()
                                          + "/api/v1/generation/events?ticket="
                                          + ticket))
                              .readTimeout(30, TimeUnit.SECONDS))
                      .retryDelayStrategy(
                          DefaultRetryDelayStrategy.defaultStrategy().backoffMultiplier(1)))
              .build();
      source.start();
      try {
        await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
        UUID done = create(batches, 10);
        UUID paused = create(batches, 200);
        UUID cancelled = create(batches, 200);
        mine.addAll(List.of(done, paused, cancelled));
        UUID other = create(theirBatches, 200);
        theirs.add(other);
        controls.pause(paused);
        theirControls.pause(other);
        Thread.sleep(1_500);
        controls.resume(paused, null);
        controls.cancel(cancelled);
        theirControls.cancel(other);
        controls.pause(paused);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() ->
                batches.getBatch(done, null, null).getData().getStatus() == BatchStatus.COMPLETED);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() ->
                durable(received).stream().filter(e -> e.name().equals("batch.paused")).count() == 2
                    && durable(received).stream().anyMatch(e -> e.name().equals("batch.complete")));
        // past the relay's cuts, a connection that stays opens with the paused batch's progress
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.cuts() >= 5);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() ->
                received.getLast().name().equals("heartbeat")
                    && received.stream().anyMatch(e -> e.name().equals("batch.progress")));
      } finally {
        source.close();
      }
      assertThat(relay.cuts()).isGreaterThanOrEqualTo(4);
    }

    List<Received> events = durable(received);
    assertThat(events).extracting(Received::id).doesNotHaveDuplicates();
    assertThat(events.stream().map(e -> position(e.id())).toList())
        .as("in commit order")
        .isSortedAccordingTo(
            Comparator.<long[]>comparingLong(p -> p[0]).thenComparingLong(p -> p[1]));
    for (Received event : received) {
      if (event.data().contains("batchId")) {
        UUID batch = UUID.fromString(JSON.readTree(event.data()).get("batchId").asText());
        assertThat(mine).as("%s belongs to the owner", event).contains(batch);
        assertThat(theirs).doesNotContain(batch);
      }
    }
    assertThat(events)
        .extracting(Received::name)
        .containsOnly(
            "batch.started", "batch.paused", "batch.resumed", "batch.cancelled", "batch.complete");
    assertThat(events.stream().filter(e -> e.name().equals("batch.started")).count()).isEqualTo(3);
    assertThat(events.stream().filter(e -> e.name().equals("batch.paused")).count()).isEqualTo(2);
    assertThat(received.stream().filter(e -> e.name().equals("batch.progress")).count())
        .isPositive();

    // everything after where the feed started, read by a fresh, uncut client: the same events
    String start = received.getFirst().id();
    assertThat(received.getFirst().name()).isEqualTo("ready");
    List<Received> replay = replay(ticket, start, events.size());
    assertThat(durable(replay).stream().map(Received::id).toList())
        .containsExactlyElementsOf(events.stream().map(Received::id).toList());

    for (Received event : received) {
      ObjectNode frame = JSON.createObjectNode();
      frame.put("event", event.name());
      if (event.id() != null
          && !event.name().equals("heartbeat")
          && !event.name().equals("batch.progress")) {
        frame.put("id", event.id());
      }
      frame.set("data", JSON.readTree(event.data()));
      assertThat(feedSchema.validate(frame)).as("%s matches openapi.json", frame).isEmpty();
    }
  }

  private static List<Received> durable(List<Received> all) {
    return all.stream()
        .filter(e -> e.name().startsWith("batch.") && !e.name().equals("batch.progress"))
        .toList();
  }

  private static long[] position(String id) {
    String[] parts = id.split("-");
    return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
  }

  private static List<Received> replay(String ticket, String after, int expected) throws Exception {
    List<Received> received = new CopyOnWriteArrayList<>();
    URI url =
        URI.create(
            "http://127.0.0.1:"
                + server.server().port()
                + "/api/v1/generation/events?ticket="
                + ticket);
    try (BackgroundEventSource source =
        new BackgroundEventSource.Builder(
                new Handler(received), new EventSource.Builder(url).lastEventId(after))
            .build()) {
      source.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> durable(received).size() >= expected);
      Thread.sleep(500);
    }
    return new ArrayList<>(received);
  }

  private static final class Handler implements BackgroundEventHandler {
    private final List<Received> received;

    Handler(List<Received> received) {
      this.received = received;
    }

    @Override
    public void onOpen() {}

    @Override
    public void onClosed() {}

    @Override
    public void onMessage(String event, MessageEvent message) {
      received.add(new Received(event, message.getLastEventId(), message.getData()));
    }

    @Override
    public void onComment(String comment) {}

    @Override
    public void onError(Throwable t) {}
  }
}
