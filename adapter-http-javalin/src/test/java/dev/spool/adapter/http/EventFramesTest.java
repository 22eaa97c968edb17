package dev.spool.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.model.StoredEvent;
import dev.spool.domain.batch.BatchId;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventFramesTest {
  private final BatchId batch = new BatchId(UUID.randomUUID());

  private StoredEvent paused(long sequence) {
    return StoredEvents.paused(batch, sequence);
  }

  @Test
  void an_event_is_framed_once_with_its_sequence_as_id_and_shared_by_every_stream() {
    EventFrames frames = new EventFrames(10);

    byte[] first = frames.of(paused(42));
    byte[] again = frames.of(paused(42));

    assertThat(again).isSameAs(first);
    assertThat(new String(first, StandardCharsets.UTF_8))
        .isEqualTo("id: 42\nevent: batch.paused\ndata: " + paused(42).json() + "\n\n");
  }

  @Test
  void the_frames_kept_stay_bounded_however_many_events_pass() {
    EventFrames frames = new EventFrames(10);

    for (long sequence = 1; sequence <= 1_000; sequence++) {
      frames.of(paused(sequence));
    }

    assertThat(frames.size()).isBetween(1, 20);
    assertThat(new String(frames.of(paused(7)), StandardCharsets.UTF_8)).startsWith("id: 7\n");
  }
}
