package dev.spool.adapter.mcp;

import dev.spool.domain.SpoolException;

/** A tool's arguments that cannot be used: reported as a tool error, never a protocol error. */
final class ToolError extends SpoolException {
  private final String field;

  ToolError(String field, String message) {
    super("VALIDATION_ERROR", message);
    this.field = field;
  }

  String field() {
    return field;
  }
}
