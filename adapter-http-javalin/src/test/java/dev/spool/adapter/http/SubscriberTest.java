package dev.spool.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.model.StoredEvent;
import dev.spool.domain.batch.BatchId;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SubscriberTest {
  private final BatchId batch = new BatchId(UUID.randomUUID());

  private StoredEvent event(long sequence) {
    return StoredEvents.paused(batch, sequence);
  }

  @Test
  void events_come_out_in_the_order_they_went_in() throws Exception {
    Subscriber subscriber = new Subscriber(4);
    subscriber.offer(event(1));
    subscriber.offer(event(2));

    assertThat(subscriber.next(Duration.ZERO).orElseThrow().sequence()).isEqualTo(1);
    assertThat(subscriber.next(Duration.ZERO).orElseThrow().sequence()).isEqualTo(2);
    assertThat(subscriber.next(Duration.ofMillis(10))).isEmpty();
  }

  @Test
  void a_subscriber_that_falls_behind_its_buffer_is_cut_off_without_blocking_the_log()
      throws Exception {
    Subscriber subscriber = new Subscriber(3);
    long start = System.nanoTime();
    for (int i = 1; i <= 1_000; i++) {
      subscriber.offer(event(i));
    }

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(subscriber.overflowed()).isTrue();
    assertThat(subscriber.next(Duration.ZERO)).isNull();
    assertThat(subscriber.next(Duration.ZERO)).as("stays stopped").isNull();
  }

  @Test
  void a_stopped_subscriber_ends_its_stream_at_the_next_look() throws Exception {
    Subscriber subscriber = new Subscriber(8);
    subscriber.offer(event(1));
    subscriber.stop();

    assertThat(subscriber.next(Duration.ofSeconds(1))).isNull();
    assertThat(subscriber.overflowed()).isFalse();
  }
}
