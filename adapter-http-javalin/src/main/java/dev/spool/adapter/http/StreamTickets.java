package dev.spool.adapter.http;

import dev.spool.adapter.http.auth.Unauthenticated;
import dev.spool.application.port.in.Actor;
import dev.spool.domain.batch.BatchId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived, single-use tickets that let a browser's {@code EventSource}, which cannot send an
 * Authorization header, open one batch's progress stream. A ticket is random, names its batch and
 * its holder, and is gone after its first use, right or wrong. Tickets live on the node that issued
 * them.
 */
final class StreamTickets {
  private static final int MAX_OUTSTANDING = 100_000;

  private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Duration validFor;
  private final Clock clock;

  StreamTickets(Duration validFor, Clock clock) {
    this.validFor = validFor;
    this.clock = clock;
  }

  record Ticket(String value, Actor holder, BatchId batch, Instant expiresAt) {}

  Ticket issue(Actor holder, BatchId batch) {
    Instant now = clock.instant();
    if (tickets.size() >= MAX_OUTSTANDING) {
      tickets.values().removeIf(t -> !t.expiresAt().isAfter(now));
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Ticket ticket = new Ticket(value, holder, batch, now.plus(validFor));
    tickets.put(value, ticket);
    return ticket;
  }

  /**
   * Uses up a ticket for {@code batch}.
   *
   * @throws Unauthenticated if it is unknown, used, expired, or for another batch
   */
  Actor redeem(String value, BatchId batch) {
    Ticket ticket = tickets.remove(value);
    if (ticket == null) {
      throw new Unauthenticated("the stream ticket is unknown or was already used");
    }
    if (!ticket.expiresAt().isAfter(clock.instant())) {
      throw new Unauthenticated("the stream ticket has expired");
    }
    if (!ticket.batch().equals(batch)) {
      throw new Unauthenticated("the stream ticket is for another batch");
    }
    return ticket.holder();
  }
}
