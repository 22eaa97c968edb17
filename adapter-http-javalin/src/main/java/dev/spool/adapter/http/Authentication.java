package dev.spool.adapter.http;

import dev.spool.adapter.http.auth.JwtVerifier;
import dev.spool.adapter.http.auth.Unauthenticated;
import dev.spool.application.port.in.Actor;
import dev.spool.domain.batch.BatchId;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Who is calling: the verified bearer token, or, on the progress stream only, a stream ticket.
 * Tokens are never read from URLs.
 */
final class Authentication {
  private static final String BEARER = "bearer ";

  private final JwtVerifier verifier;
  private final StreamTickets tickets;

  Authentication(JwtVerifier verifier, StreamTickets tickets) {
    this.verifier = verifier;
    this.tickets = tickets;
  }

  Actor actor(Context ctx) {
    String header =
        Requests.header(ctx, "Authorization")
            .orElseThrow(
                () -> new Unauthenticated("send a bearer token: Authorization: Bearer ..."));
    if (header.length() <= BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new Unauthenticated("the Authorization header must be 'Bearer <token>'");
    }
    return verifier.verify(header.substring(BEARER.length()).trim());
  }

  /**
   * The caller of a progress stream: a bearer token if sent, else a ticket for this batch, held
   * until the stream is closed.
   */
  StreamTickets.Use streamCaller(Context ctx, BatchId batch) {
    Optional<String> ticket = Requests.query(ctx, "ticket");
    if (Requests.header(ctx, "Authorization").isPresent() || ticket.isEmpty()) {
      return StreamTickets.Use.bearer(actor(ctx));
    }
    return tickets.redeem(ticket.get(), batch);
  }

  /** The caller of the owner feed: a bearer token if sent, else a feed ticket. */
  StreamTickets.Use feedCaller(Context ctx) {
    Optional<String> ticket = Requests.query(ctx, "ticket");
    if (Requests.header(ctx, "Authorization").isPresent() || ticket.isEmpty()) {
      return StreamTickets.Use.bearer(actor(ctx));
    }
    return tickets.redeem(ticket.get(), StreamTickets.FEED);
  }
}
