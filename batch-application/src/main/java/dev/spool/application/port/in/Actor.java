package dev.spool.application.port.in;

import dev.spool.domain.batch.UserId;
import java.util.Objects;
import java.util.Set;

/**
 * Who is acting: the verified user id and roles. Use cases take it from the caller's verified
 * identity, never from a request body.
 */
public record Actor(UserId id, Set<String> roles) {
  public static final String FACULTY = "faculty";

  /** Spool's name for the role that fills the course catalogue. */
  public static final String CATALOGUE_ADMIN = "catalogue-admin";

  public Actor {
    Objects.requireNonNull(id, "id");
    roles = Set.copyOf(roles);
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
