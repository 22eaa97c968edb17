package dev.spool.adapter.http.auth;

import dev.spool.application.port.in.Actor;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a token carries its roles, and which one means faculty. By default a top-level {@code role}
 * string or {@code roles} array; an identity provider may nest them ({@code realm_access.roles} in
 * Keycloak, {@code groups}, Entra ID's {@code roles}). A claim may be a string, a space-separated
 * string or an array; names are compared without regard to case.
 *
 * @param path a claim's name, or a dot-separated path into nested claims, or empty for {@code role}
 *     and {@code roles}
 * @param facultyRole the provider's name for the faculty role
 * @param catalogueAdminRole the provider's name for the role that fills the course catalogue
 */
public record RoleClaims(Optional<String> path, String facultyRole, String catalogueAdminRole) {
  public static final RoleClaims DEFAULT =
      new RoleClaims(Optional.empty(), Actor.FACULTY, Actor.CATALOGUE_ADMIN);

  public RoleClaims {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(facultyRole, "facultyRole");
    Objects.requireNonNull(catalogueAdminRole, "catalogueAdminRole");
    if (facultyRole.isBlank() || catalogueAdminRole.isBlank()) {
      throw new IllegalArgumentException(
          "the faculty and catalogue administrator roles need names");
    }
    if (facultyRole.equalsIgnoreCase(catalogueAdminRole)) {
      throw new IllegalArgumentException(
          "the faculty and catalogue administrator roles need different names");
    }
  }

  /** The faculty role under another name; catalogue administrators keep Spool's name. */
  public RoleClaims(Optional<String> path, String facultyRole) {
    this(path, facultyRole, Actor.CATALOGUE_ADMIN);
  }

  /**
   * The caller's roles, in Spool's names: the faculty role becomes {@link Actor#FACULTY}, the
   * catalogue administrators' {@link Actor#CATALOGUE_ADMIN}.
   */
  public Set<String> read(Map<String, Object> claims) {
    Set<String> found = new LinkedHashSet<>();
    if (path.isEmpty()) {
      collect(claims.get("role"), found);
      collect(claims.get("roles"), found);
    } else if (claims.containsKey(path.get())) {
      // a claim whose name holds dots, as Auth0's namespaced ones (https://example.edu/roles)
      collect(claims.get(path.get()), found);
    } else {
      Object value = claims;
      for (String part : path.get().split("\\.")) {
        value = value instanceof Map<?, ?> map ? map.get(part) : null;
      }
      collect(value, found);
    }
    Set<String> roles = new LinkedHashSet<>();
    for (String role : found) {
      String lower = role.toLowerCase(Locale.ROOT);
      if (lower.equals(facultyRole.toLowerCase(Locale.ROOT))) {
        roles.add(Actor.FACULTY);
      } else if (lower.equals(catalogueAdminRole.toLowerCase(Locale.ROOT))) {
        roles.add(Actor.CATALOGUE_ADMIN);
      } else if (!lower.equals(Actor.FACULTY) && !lower.equals(Actor.CATALOGUE_ADMIN)) {
        // another role named like Spool's own is not it: only the configured names grant them
        roles.add(lower);
      }
    }
    return roles;
  }

  private static void collect(Object value, Set<String> into) {
    switch (value) {
      case String text -> {
        for (String role : text.trim().split("\\s+")) {
          if (!role.isEmpty()) {
            into.add(role);
          }
        }
      }
      case Collection<?> many ->
          many.forEach(v -> {
            if (v instanceof String s && !s.isBlank()) {
              into.add(s.trim());
            }
          });
      case null, default -> {}
    }
  }
}
