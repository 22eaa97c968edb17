package dev.spool.bootstrap.http;

import static dev.spool.bootstrap.http.TestServer.faculty;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.adapter.llm.SimulatorSettings;
import dev.spool.bootstrap.http.SseStream.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SSE progress stream: headers, seed 002's events, heartbeats, resume, fan-out, the end. */
class ProgressStreamIT {
  private static final String BATCHES = "/api/v1/generation/batch";
  private static final Duration LONG = Duration.ofSeconds(30);
  private static TestServer server;
  private static ApiClient api;
  private final String owner = faculty(UUID.randomUUID());

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            SimulatorSettings.defaults()
                .withLatency(Duration.ofMillis(60), Duration.ofMillis(20))
                .withRates(0, 0, 0, 0.15));
    api = server.api();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private String create(int count, int concurrency, int maxRetries) {
    return api.post(BATCHES, owner, Bodies.generation(count, concurrency, maxRetries))
        .data()
        .get("batchId")
        .asText();
  }

  private static String progress(String id) {
    return BATCHES + "/" + id + "/progress";
  }

  @Test
  void the_stream_sends_sse_headers_a_snapshot_first_then_seed_002_events_and_ends_at_completion()
      throws Exception {
    // 60 items at 15% invalid output: the chance that none fails an attempt is 0.85^60, 6e-5
    String id = create(60, 4, 1);
    try (SseStream stream = SseStream.open(api, progress(id), owner)) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.headers().firstValue("Content-Type").orElse(""))
          .startsWith("text/event-stream");
      assertThat(stream.headers().firstValue("Cache-Control")).hasValue("no-cache");
      assertThat(stream.headers().firstValue("Connection")).hasValue("keep-alive");

      assertThat(stream.awaitEnd(LONG)).as("the stream ends after batch.complete").isTrue();
      List<Event> events = stream.events();
      assertThat(events.getFirst().name()).isEqualTo("batch.progress");
      assertThat(events.getLast().name()).isEqualTo("batch.complete");
      assertThat(events).allMatch(e -> e.name().equals("heartbeat") || e.id() != null);

      assertFields(
          stream.named("item.started").getFirst(), "itemId", "index", "total", "timestamp");
      assertFields(
          stream.named("item.completed").getFirst(),
          "itemId",
          "questionId",
          "index",
          "total",
          "timestamp");
      assertFields(
          stream.named("batch.progress").getLast(),
          "completed",
          "failed",
          "pending",
          "inProgress",
          "progress",
          "eta_seconds");
      JsonNode complete = events.getLast().data();
      assertFields(events.getLast(), "totalCompleted", "totalFailed", "duration_ms", "throughput");
      assertThat(complete.get("totalCompleted").asInt() + complete.get("totalFailed").asInt())
          .isEqualTo(60);
      assertThat(stream.named("item.failed"))
          .isNotEmpty()
          .allSatisfy(e -> {
            assertFields(e, "itemId", "index", "error", "timestamp");
            assertThat(e.data().get("error").asText()).startsWith("ValidationEngineError");
          });
    }
  }

  @Test
  void ids_are_the_log_sequence_so_a_replay_from_zero_holds_the_live_ones_in_order()
      throws Exception {
    String id = create(10, 2, 2);
    List<Long> live;
    try (SseStream stream = SseStream.open(api, progress(id), owner)) {
      assertThat(stream.awaitEnd(LONG)).isTrue();
      live = ids(stream.events());
    }
    try (SseStream replay =
        SseStream.open(
            api, progress(id), Map.of("Authorization", "Bearer " + owner, "Last-Event-ID", "0"))) {
      assertThat(replay.awaitEnd(LONG)).isTrue();
      List<Long> all = ids(replay.events());
      assertThat(all).isSorted().doesNotHaveDuplicates();
      long snapshot = live.getFirst();
      assertThat(live.subList(1, live.size()))
          .isEqualTo(all.stream().filter(i -> i > snapshot).toList());
    }
  }

  @Test
  void an_idle_stream_sends_heartbeats() {
    String id = create(50, 1, 0);
    api.post(BATCHES + "/" + id + "/pause", owner, null);
    try (SseStream stream = SseStream.open(api, progress(id), owner)) {
      Event beat =
          stream.await(e -> e.name().equals("heartbeat"), TestServer.HEARTBEAT.multipliedBy(3));
      assertThat(beat.id()).isNull();
      assertThat(beat.data().isEmpty()).isTrue();
    }
    api.post(BATCHES + "/" + id + "/cancel", owner, null);
  }

  @Test
  void a_client_resuming_with_last_event_id_misses_nothing_and_sees_nothing_twice()
      throws Exception {
    String id = create(30, 3, 2);
    List<Event> before;
    try (SseStream first = SseStream.open(api, progress(id), owner)) {
      first.await(e -> e.name().equals("item.completed"), LONG);
      before = first.events();
    }
    long lastSeen =
        before.stream().map(Event::id).filter(i -> i != null).reduce((a, b) -> b).orElseThrow();

    List<Event> after;
    try (SseStream resumed =
        SseStream.open(
            api,
            progress(id),
            Map.of(
                "Authorization", "Bearer " + owner, "Last-Event-ID", String.valueOf(lastSeen)))) {
      assertThat(resumed.awaitEnd(LONG)).isTrue();
      after = resumed.events();
    }
    try (SseStream replay =
        SseStream.open(
            api, progress(id), Map.of("Authorization", "Bearer " + owner, "Last-Event-ID", "0"))) {
      assertThat(replay.awaitEnd(LONG)).isTrue();
      List<Long> all = ids(replay.events());
      List<Long> seen = new ArrayList<>(ids(before.subList(1, before.size())));
      seen.addAll(ids(after));
      assertThat(seen).isEqualTo(all.subList(all.indexOf(seen.getFirst()), all.size()));
    }
    assertThat(after.getFirst().id()).isGreaterThan(lastSeen);
  }

  @Test
  void two_subscribers_receive_the_same_events() throws Exception {
    String id = create(15, 3, 2);
    try (SseStream a = SseStream.open(api, progress(id), owner);
        SseStream b = SseStream.open(api, progress(id), owner)) {
      assertThat(a.awaitEnd(LONG)).isTrue();
      assertThat(b.awaitEnd(LONG)).isTrue();
      List<Long> fromA = ids(a.events());
      List<Long> fromB = ids(b.events());
      long common = Math.max(fromA.getFirst(), fromB.getFirst());
      assertThat(fromA.stream().filter(i -> i > common).toList())
          .isEqualTo(fromB.stream().filter(i -> i > common).toList())
          .isNotEmpty();
    }
  }

  @Test
  void a_stream_on_a_finished_batch_sends_its_snapshot_and_its_final_event_then_ends()
      throws Exception {
    String id = create(3, 3, 2);
    long finalId;
    try (SseStream watch = SseStream.open(api, progress(id), owner)) {
      assertThat(watch.awaitEnd(LONG)).isTrue();
      finalId = watch.events().getLast().id();
    }
    try (SseStream late = SseStream.open(api, progress(id), owner)) {
      assertThat(late.awaitEnd(Duration.ofSeconds(5))).isTrue();
      assertThat(late.events())
          .extracting(Event::name)
          .containsExactly("batch.progress", "batch.complete");
      assertThat(late.events().getFirst().data().get("status").asText())
          .isIn("completed", "completed_with_errors");
      assertThat(late.events().getLast().id()).isEqualTo(finalId);
    }
    try (SseStream again =
        SseStream.open(
            api,
            progress(id),
            Map.of("Authorization", "Bearer " + owner, "Last-Event-ID", Long.toString(finalId)))) {
      assertThat(again.awaitEnd(Duration.ofSeconds(5))).isTrue();
      assertThat(again.events())
          .as("a client that reconnects after the end gets the end again, not a snapshot")
          .extracting(Event::name, Event::id)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("batch.complete", finalId));
    }
  }

  @Test
  void a_replay_from_an_old_id_runs_through_every_retry_round_to_the_last_finish()
      throws Exception {
    try (TestServer failing =
        TestServer.start(
            SimulatorSettings.defaults()
                .withLatency(Duration.ofMillis(5), Duration.ZERO)
                .withRates(0.5, 0, 0, 0))) {
      ApiClient failingApi = failing.api();
      // 30 items at a 50% failure rate and no retries: rounds 1 and 2 each fail some, for sure
      String id =
          failingApi
              .post(BATCHES, owner, Bodies.generation(30, 3, 0))
              .data()
              .get("batchId")
              .asText();
      long firstId;
      try (SseStream first = SseStream.open(failingApi, progress(id), owner)) {
        assertThat(first.awaitEnd(LONG)).isTrue();
        firstId = first.events().getFirst().id();
      }
      for (int round = 2; round <= 3; round++) {
        assertThat(failingApi.post(BATCHES + "/" + id + "/retry-failed", owner, null).status())
            .isEqualTo(200);
        try (SseStream watch = SseStream.open(failingApi, progress(id), owner)) {
          assertThat(watch.awaitEnd(LONG)).isTrue();
        }
      }

      try (SseStream replay =
          SseStream.open(
              failingApi,
              progress(id),
              Map.of(
                  "Authorization", "Bearer " + owner, "Last-Event-ID", Long.toString(firstId)))) {
        assertThat(replay.awaitEnd(LONG)).isTrue();
        assertThat(replay.named("batch.complete")).hasSize(3);
        assertThat(replay.named("batch.retrying")).hasSize(2);
        assertThat(replay.events().getLast().name()).isEqualTo("batch.complete");
        assertThat(replay.events()).extracting(Event::id).isSorted().doesNotHaveDuplicates();
      }
    }
  }

  @Test
  void a_stream_ends_once_a_cancelled_batch_has_drained() throws Exception {
    String id = create(200, 2, 2);
    try (SseStream stream = SseStream.open(api, progress(id), owner)) {
      stream.await(e -> e.name().equals("item.started"), LONG);
      api.post(BATCHES + "/" + id + "/cancel", owner, null);
      assertThat(stream.awaitEnd(LONG)).isTrue();
      assertThat(stream.named("batch.cancelled")).hasSize(1);
      assertThat(stream.events().getLast().data().get("inProgress").asInt()).isZero();
    }
  }

  /**
   * A cancelled batch with items still in flight may be deleted before they drain; the deletion
   * leaves no event behind, and the stream used to send heartbeats for as long as anyone listened.
   */
  @Test
  void a_stream_ends_when_its_cancelled_batch_is_deleted_with_items_in_flight() throws Exception {
    try (TestServer slow =
        TestServer.start(
            SimulatorSettings.defaults().withLatency(Duration.ofSeconds(60), Duration.ZERO))) {
      ApiClient slowApi = slow.api();
      String id =
          slowApi.post(BATCHES, owner, Bodies.generation(20, 4, 2)).data().get("batchId").asText();
      try (SseStream stream = SseStream.open(slowApi, progress(id), owner)) {
        stream.await(
            e ->
                e.name().equals("item.started")
                    || (e.name().equals("batch.progress")
                        && e.data().get("inProgress").asInt() > 0),
            LONG);
        assertThat(slowApi.post(BATCHES + "/" + id + "/cancel", owner, null).status())
            .isEqualTo(200);
        assertThat(slowApi.delete(BATCHES + "/" + id, owner).status()).isEqualTo(200);

        assertThat(stream.awaitEnd(LONG)).as("the stream ends after the deletion").isTrue();
      }
    }
  }

  @Test
  void a_bad_last_event_id_is_a_malformed_request() {
    String id = create(5, 1, 2);
    var reply = api.send("GET", progress(id), owner, null, Map.of("Last-Event-ID", "yesterday"));
    assertThat(reply.errorCode()).isEqualTo("MALFORMED_REQUEST");
  }

  private static List<Long> ids(List<Event> events) {
    return events.stream().map(Event::id).filter(java.util.Objects::nonNull).toList();
  }

  private static void assertFields(Event event, String... fields) {
    assertThat(event.data().fieldNames()).toIterable().contains(fields);
  }
}
