package dev.spool.adapter.http.auth;

import dev.spool.domain.SpoolException;

/** No valid credentials: a missing, malformed, forged, expired or misdirected token or ticket. */
public final class Unauthenticated extends SpoolException {
  public static final String CODE = "UNAUTHORIZED";

  public Unauthenticated(String message) {
    super(CODE, message);
  }
}
