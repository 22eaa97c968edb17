package dev.spool.application.port.in;

import dev.spool.domain.SpoolException;

/** An idempotency key came back with a request that differs from the one it first made. */
public final class IdempotencyKeyReused extends SpoolException {
  public static final String CODE = "IDEMPOTENCY_KEY_REUSED";

  public IdempotencyKeyReused(String key) {
    super(CODE, "idempotency key '" + key + "' was already used for a different batch request");
  }
}
