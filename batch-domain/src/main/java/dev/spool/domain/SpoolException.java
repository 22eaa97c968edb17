package dev.spool.domain;

import java.util.Objects;

/**
 * The root of every error Spool raises on purpose. Each one carries a stable, machine-readable
 * {@link #code()} so that adapters can map it (for example to an HTTP status) without parsing
 * messages.
 */
public abstract class SpoolException extends RuntimeException {
  private final String code;

  protected SpoolException(String code, String message) {
    this(code, message, null);
  }

  protected SpoolException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** A stable identifier of the kind of error, such as {@code INVALID_STATE_TRANSITION}. */
  public String code() {
    return code;
  }
}
