package dev.spool.adapter.mcp;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A tool call's arguments, read field by field with clear errors: the SDK's own schema check is
 * off, so a wrong argument is a tool error with the API's code, not a protocol error.
 */
final class Args {
  private final Map<String, Object> values;

  Args(Map<String, Object> values, Set<String> allowed) {
    this.values = values == null ? Map.of() : values;
    for (String name : this.values.keySet()) {
      if (!allowed.contains(name)) {
        throw new ToolError(name, "unknown argument '" + name + "'; this tool takes " + allowed);
      }
    }
  }

  Map<String, Object> raw() {
    return values;
  }

  boolean has(String name) {
    return values.get(name) != null;
  }

  UUID uuid(String name) {
    return optionalUuid(name).orElseThrow(() -> new ToolError(name, name + " is required"));
  }

  Optional<UUID> optionalUuid(String name) {
    Object value = values.get(name);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(String.valueOf(value)));
    } catch (IllegalArgumentException e) {
      throw new ToolError(name, name + " must be a UUID, such as a batchId a tool returned");
    }
  }

  Optional<String> text(String name) {
    Object value = values.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String s)) {
      throw new ToolError(name, name + " must be a string");
    }
    return Optional.of(s);
  }

  Optional<Integer> integer(String name) {
    Object value = values.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      if (Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
        throw new ToolError(name, name + " is out of range");
      }
      return Optional.of(n.intValue());
    }
    throw new ToolError(name, name + " must be a whole number");
  }

  Optional<BigDecimal> decimal(String name) {
    Object value = values.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Number n) {
      return Optional.of(new BigDecimal(n.toString()));
    }
    throw new ToolError(name, name + " must be a number");
  }

  @SuppressWarnings("unchecked")
  Optional<List<Object>> list(String name) {
    Object value = values.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof List<?> list)) {
      throw new ToolError(name, name + " must be an array");
    }
    return Optional.of((List<Object>) list);
  }

  @SuppressWarnings("unchecked")
  Optional<Args> object(String name, Set<String> allowed) {
    Object value = values.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new ToolError(name, name + " must be an object");
    }
    return Optional.of(new Args((Map<String, Object>) map, allowed));
  }
}
