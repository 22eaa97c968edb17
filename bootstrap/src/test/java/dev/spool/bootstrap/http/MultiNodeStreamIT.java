package dev.spool.bootstrap.http;

import static dev.spool.bootstrap.http.TestServer.faculty;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.adapter.llm.SimulatorSettings;
import dev.spool.bootstrap.http.SseStream.Event;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Two server nodes on one database: a stream on one node sees what happens on the other. */
class MultiNodeStreamIT {
  private static final String BATCHES = "/api/v1/generation/batch";
  private static final Duration LONG = Duration.ofSeconds(30);

  @Test
  void a_subscriber_on_one_node_receives_every_event_of_a_batch_steered_on_the_other()
      throws Exception {
    SimulatorSettings simulator =
        SimulatorSettings.defaults().withLatency(Duration.ofMillis(50), Duration.ofMillis(10));
    try (TestServer a = TestServer.start(simulator);
        TestServer b = TestServer.start(simulator, Optional.of(a.server().databaseUrl()))) {
      String owner = faculty(UUID.randomUUID());
      String id =
          a.api().post(BATCHES, owner, Bodies.generation(60, 6)).data().get("batchId").asText();
      String progress = BATCHES + "/" + id + "/progress";

      try (SseStream onB = SseStream.open(b.api(), progress, owner)) {
        onB.await(e -> e.name().equals("item.completed"), LONG);
        a.api().post(BATCHES + "/" + id + "/pause", owner, null);
        onB.await(e -> e.name().equals("batch.paused"), Duration.ofSeconds(5));
        a.api().post(BATCHES + "/" + id + "/resume", owner, null);
        assertThat(onB.awaitEnd(LONG)).isTrue();

        try (SseStream replay =
            SseStream.open(
                a.api(),
                progress,
                Map.of("Authorization", "Bearer " + owner, "Last-Event-ID", "0"))) {
          assertThat(replay.awaitEnd(LONG)).isTrue();
          List<Long> live = ids(onB.events());
          long snapshot = live.getFirst();
          assertThat(live.subList(1, live.size()))
              .isEqualTo(ids(replay.events()).stream().filter(i -> i > snapshot).toList());
        }
      }
    }
  }

  private static List<Long> ids(List<Event> events) {
    return events.stream().map(Event::id).filter(Objects::nonNull).toList();
  }
}
