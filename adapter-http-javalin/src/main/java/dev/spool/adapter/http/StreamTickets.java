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
 * Tickets that let an {@code EventSource}, which cannot send an Authorization header, follow one
 * batch's progress stream. A ticket is random, names its batch and its holder, and serves every
 * reconnect of the stream it was issued for: a standard EventSource reconnects to the same URL, so
 * a ticket that worked once must work again. It must be first used within the validity after it is
 * issued; while a stream is open on it, it does not expire; once its last stream closes, it stays
 * valid for the validity again (the client's reconnect window), then it is gone. A ticket tried on
 * another batch is revoked at once. Tickets live on the node that issued them.
 */
final class StreamTickets {
  private static final int SWEEP_AT = 10_000;

  private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Duration validFor;
  private final Clock clock;

  StreamTickets(Duration validFor, Clock clock) {
    this.validFor = validFor;
    this.clock = clock;
  }

  /** What the holder is told: the ticket, and when it expires unless a stream uses it. */
  record Issued(String value, Instant expiresAt) {}

  /** A stream opened with a ticket: who holds it. Close it when the stream ends. */
  interface Use extends AutoCloseable {
    Actor holder();

    @Override
    void close();

    /** A stream opened with a bearer token, which holds no ticket. */
    static Use bearer(Actor actor) {
      return new Use() {
        @Override
        public Actor holder() {
          return actor;
        }

        @Override
        public void close() {}
      };
    }
  }

  private final class Ticket {
    private final Actor holder;
    private final String scope;
    private Instant idleUntil;
    private int open;

    Ticket(Actor holder, String scope, Instant idleUntil) {
      this.holder = holder;
      this.scope = scope;
      this.idleUntil = idleUntil;
    }

    synchronized boolean expired(Instant now) {
      return open == 0 && !idleUntil.isAfter(now);
    }

    synchronized boolean open(Instant now) {
      if (expired(now)) {
        return false;
      }
      open++;
      return true;
    }

    synchronized void closed() {
      open--;
      idleUntil = clock.instant().plus(validFor);
    }
  }

  /** The owner feed's scope: a ticket for it opens the holder's feed, and no batch's stream. */
  static final String FEED = "feed";

  Issued issue(Actor holder, BatchId batch) {
    return issue(holder, scope(batch));
  }

  Use redeem(String value, BatchId batch) {
    return redeem(value, scope(batch));
  }

  private static String scope(BatchId batch) {
    return "batch:" + batch.value();
  }

  /** A ticket for {@code scope}: a batch's stream, or {@link #FEED}. */
  Issued issue(Actor holder, String scope) {
    Instant now = clock.instant();
    if (tickets.size() >= SWEEP_AT) {
      tickets.values().removeIf(t -> t.expired(now));
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant expiresAt = now.plus(validFor);
    tickets.put(value, new Ticket(holder, scope, expiresAt));
    return new Issued(value, expiresAt);
  }

  /**
   * Opens the stream of {@code scope} with a ticket.
   *
   * @throws Unauthenticated if it is unknown, expired, or for another batch (which revokes it)
   */
  Use redeem(String value, String scope) {
    Ticket ticket = tickets.get(value);
    if (ticket == null) {
      throw new Unauthenticated("the stream ticket is unknown or has expired");
    }
    if (!ticket.scope.equals(scope)) {
      tickets.remove(value, ticket);
      throw new Unauthenticated("the stream ticket is for another stream; it is revoked");
    }
    if (!ticket.open(clock.instant())) {
      tickets.remove(value, ticket);
      throw new Unauthenticated("the stream ticket has expired");
    }
    return new Use() {
      private boolean closed;

      @Override
      public Actor holder() {
        return ticket.holder;
      }

      @Override
      public synchronized void close() {
        if (!closed) {
          closed = true;
          ticket.closed();
        }
      }
    };
  }
}
