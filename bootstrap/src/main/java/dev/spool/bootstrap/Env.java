package dev.spool.bootstrap;

import java.util.Map;
import java.util.Optional;

/** Reads environment variables; a wrong value is a {@link ConfigurationError} naming it. */
final class Env {
  private final Map<String, String> variables;

  Env(Map<String, String> variables) {
    this.variables = Map.copyOf(variables);
  }

  /** The trimmed value, if set and not blank. */
  Optional<String> text(String name) {
    return Optional.ofNullable(variables.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  /** A whole number from {@code min} to {@code max}, or {@code fallback} when unset. */
  long whole(String name, long min, long max, long fallback) {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value.get().replace("_", ""));
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below, with the allowed range
    }
    throw new ConfigurationError(
        name, "must be a whole number from " + min + " to " + max + ", was '" + value.get() + "'");
  }

  /** {@code true} or {@code false} (any case), or {@code fallback} when unset. */
  boolean bool(String name, boolean fallback) {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return fallback;
    }
    return switch (value.get().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new ConfigurationError(name, "must be true or false, was '" + value.get() + "'");
    };
  }

  /** Like {@link #whole} but without a default. */
  Optional<Long> optionalWhole(String name, long min, long max) {
    return text(name).map(v -> whole(name, min, max, min));
  }
}
