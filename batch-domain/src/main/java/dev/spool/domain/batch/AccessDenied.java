package dev.spool.domain.batch;

import dev.spool.domain.SpoolException;

/** The acting user may not do this. */
public sealed class AccessDenied extends SpoolException permits NotBatchOwner {
  public static final String CODE = "FORBIDDEN";

  public AccessDenied(String message) {
    super(CODE, message);
  }

  /** The user lacks a role the action needs, such as {@code faculty} to create a batch. */
  public static AccessDenied missingRole(String role) {
    return new AccessDenied("this action needs the '" + role + "' role");
  }
}
