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
  void a_ticket_opens_its_batch_once_as_its_holder() {
    String ticket = tickets.issue(actor, batch).value();

    assertThat(tickets.redeem(ticket, batch)).isEqualTo(actor);
    assertThatThrownBy(() -> tickets.redeem(ticket, batch))
        .isInstanceOf(Unauthenticated.class)
        .hasMessageContaining("already used");
  }

  @Test
  void a_ticket_for_another_batch_is_refused_and_used_up() {
    String ticket = tickets.issue(actor, batch).value();

    assertThatThrownBy(() -> tickets.redeem(ticket, new BatchId(UUID.randomUUID())))
        .isInstanceOf(Unauthenticated.class)
        .hasMessageContaining("another batch");
    assertThatThrownBy(() -> tickets.redeem(ticket, batch)).isInstanceOf(Unauthenticated.class);
  }

  @Test
  void a_ticket_expires_after_sixty_seconds() {
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
