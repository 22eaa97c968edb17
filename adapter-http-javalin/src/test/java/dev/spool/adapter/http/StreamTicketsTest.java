package dev.spool.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.adapter.http.auth.Unauthenticated;
import dev.spool.application.port.in.Actor;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StreamTicketsTest {
  private final Actor actor = new Actor(new UserId(UUID.randomUUID()), Set.of("faculty"));
  private final BatchId batch = new BatchId(UUID.randomUUID());
  private Instant now = Instant.parse("2026-11-24T10:00:00Z");
  private final StreamTickets tickets =
      new StreamTickets(Duration.ofSeconds(60), new MovableClock());

  @Test
  void a_ticket_opens_its_batch_as_its_holder_on_every_reconnect_of_its_stream() {
    String ticket = tickets.issue(actor, batch).value();

    for (int reconnect = 0; reconnect < 5; reconnect++) {
      try (StreamTickets.Use use = tickets.redeem(ticket, batch)) {
        assertThat(use.holder()).isEqualTo(actor);
        now = now.plusSeconds(30);
      }
    }
  }

  @Test
  void a_ticket_does_not_expire_while_its_stream_is_open() {
    String ticket = tickets.issue(actor, batch).value();
    StreamTickets.Use first = tickets.redeem(ticket, batch);
    now = now.plus(Duration.ofHours(3));

    try (StreamTickets.Use second = tickets.redeem(ticket, batch)) {
      assertThat(second.holder()).isEqualTo(actor);
    }
    first.close();
  }

  @Test
  void a_ticket_expires_sixty_seconds_after_its_last_stream_closed() {
    String ticket = tickets.issue(actor, batch).value();
    tickets.redeem(ticket, batch).close();
    now = now.plusSeconds(59);
    tickets.redeem(ticket, batch).close();
    now = now.plusSeconds(60);

    assertThatThrownBy(() -> tickets.redeem(ticket, batch))
        .isInstanceOf(Unauthenticated.class)
        .hasMessageContaining("expired");
    assertThatThrownBy(() -> tickets.redeem(ticket, batch))
        .isInstanceOf(Unauthenticated.class)
        .hasMessageContaining("unknown");
  }

  @Test
  void a_ticket_for_another_batch_is_refused_and_revoked() {
    String ticket = tickets.issue(actor, batch).value();

    assertThatThrownBy(() -> tickets.redeem(ticket, new BatchId(UUID.randomUUID())))
        .isInstanceOf(Unauthenticated.class)
        .hasMessageContaining("another stream");
    assertThatThrownBy(() -> tickets.redeem(ticket, batch)).isInstanceOf(Unauthenticated.class);
  }

  @Test
  void a_batch_ticket_does_not_open_the_owner_feed_nor_a_feed_ticket_a_batch() {
    String forBatch = tickets.issue(actor, batch).value();
    String forFeed = tickets.issue(actor, StreamTickets.FEED).value();

    assertThatThrownBy(() -> tickets.redeem(forBatch, StreamTickets.FEED))
        .isInstanceOf(Unauthenticated.class);
    assertThatThrownBy(() -> tickets.redeem(forFeed, batch)).isInstanceOf(Unauthenticated.class);
    String fresh = tickets.issue(actor, StreamTickets.FEED).value();
    try (StreamTickets.Use use = tickets.redeem(fresh, StreamTickets.FEED)) {
      org.assertj.core.api.Assertions.assertThat(use.holder()).isEqualTo(actor);
    }
  }

  @Test
  void an_unused_ticket_expires_after_sixty_seconds() {
    String ticket = tickets.issue(actor, batch).value();
    now = now.plusSeconds(60);

    assertThatThrownBy(() -> tickets.redeem(ticket, batch))
        .isInstanceOf(Unauthenticated.class)
        .hasMessageContaining("expired");
  }

  @Test
  void tickets_are_unguessable_and_distinct() {
    String a = tickets.issue(actor, batch).value();
    String b = tickets.issue(actor, batch).value();

    assertThat(a).isNotEqualTo(b).hasSizeGreaterThanOrEqualTo(43);
  }

  private final class MovableClock extends Clock {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
