package dev.spool.bootstrap.http;

import static dev.spool.bootstrap.http.TestServer.faculty;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.adapter.llm.SimulatorSettings;
import dev.spool.bootstrap.http.ApiClient.Reply;
import dev.spool.bootstrap.http.SseStream.Event;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A faculty member's whole journey, over HTTP only. */
class JourneyIT {
  private static final String BATCHES = "/api/v1/generation/batch";
  private static final Duration LONG = Duration.ofSeconds(30);
  private static TestServer server;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            SimulatorSettings.defaults().withLatency(Duration.ofMillis(80), Duration.ofMillis(30)));
    api = server.api();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void create_watch_pause_resume_and_cancel_keep_every_completed_item_and_the_counts_add_up()
      throws Exception {
    String owner = faculty(UUID.randomUUID());
    String id = api.post(BATCHES, owner, Bodies.generation(120, 4)).data().get("batchId").asText();
    String base = BATCHES + "/" + id;

    try (SseStream stream = SseStream.open(api, base + "/progress", owner)) {
      stream.await(e -> e.name().equals("item.completed"), LONG);

      Reply paused = api.post(base + "/pause", owner, null);
      assertThat(paused.data().get("status").asText()).isEqualTo("paused");
      long pausedAt = stream.await(e -> e.name().equals("batch.paused"), LONG).id();
      Thread.sleep(600);
      JsonNode whilePaused = api.get(base, owner).data();
      assertThat(whilePaused.get("inProgressItems").asInt()).isZero();
      assertThat(stream.events())
          .filteredOn(e -> e.id() != null && e.id() > pausedAt)
          .extracting(Event::name)
          .doesNotContain("item.started");

      Reply resumed = api.post(base + "/resume", owner, null);
      assertThat(resumed.data().get("status").asText()).isEqualTo("running");
      long resumedAt = stream.await(e -> e.name().equals("batch.resumed"), LONG).id();
      stream.await(e -> e.name().equals("item.completed") && e.id() > resumedAt, LONG);

      Reply cancelled = api.post(base + "/cancel", owner, null);
      assertThat(cancelled.data().get("status").asText()).isEqualTo("cancelled");
      assertThat(stream.awaitEnd(LONG)).as("the stream ends once the cancel drains").isTrue();

      JsonNode last = stream.events().getLast().data();
      assertThat(last.get("inProgress").asInt()).isZero();
      JsonNode finalState = api.get(base, owner).data();
      int completed = finalState.get("completedItems").asInt();
      int failed = finalState.get("failedItems").asInt();
      int cancelledItems = finalState.get("cancelledItems").asInt();
      assertThat(completed + failed + cancelledItems).isEqualTo(120);
      assertThat(cancelledItems).isEqualTo(cancelled.data().get("cancelledItems").asInt());
      assertThat(completed).isGreaterThanOrEqualTo(cancelled.data().get("completedItems").asInt());
      assertThat(finalState.get("status").asText()).isEqualTo("cancelled");

      List<Event> completions = stream.named("item.completed");
      JsonNode completedPage = api.get(base + "/items?status=completed&limit=200", owner).data();
      assertThat(completedPage.get("items")).hasSize(completed);
      assertThat(completions.size()).isLessThanOrEqualTo(completed);
      assertThat(stream.events())
          .filteredOn(
              e -> e.id() != null && e.id() > stream.named("batch.cancelled").getFirst().id())
          .extracting(Event::name)
          .doesNotContain("item.started");
    }
  }
}
