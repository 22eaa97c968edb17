package dev.spool.application.model;

import dev.spool.domain.SpoolException;

/** A page request that cannot be served: a limit out of range or a cursor no store issued. */
public final class InvalidPageRequest extends SpoolException {
  public static final String CODE = "VALIDATION_ERROR";

  public InvalidPageRequest(String message) {
    super(CODE, message);
  }
}
