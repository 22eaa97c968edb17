package dev.spool.domain.event;

/** Writes one flat JSON object, field by field: all that an event's wire form needs. */
final class JsonWriter {
  private final StringBuilder out = new StringBuilder(256).append('{');
  private boolean first = true;

  JsonWriter text(String name, String value) {
    name(name);
    if (value == null) {
      out.append("null");
    } else {
      quoted(value);
    }
    return this;
  }

  JsonWriter number(String name, long value) {
    name(name).append(value);
    return this;
  }

  /** A double; one that is not finite (JSON has no NaN) is written as null. */
  JsonWriter number(String name, double value) {
    name(name);
    if (Double.isFinite(value)) {
      out.append(value);
    } else {
      out.append("null");
    }
    return this;
  }

  /** An exact decimal, written as it is; null as null. */
  JsonWriter decimal(String name, java.math.BigDecimal value) {
    name(name).append(value == null ? "null" : value.toPlainString());
    return this;
  }

  JsonWriter nil(String name) {
    name(name).append("null");
    return this;
  }

  JsonWriter bool(String name, boolean value) {
    name(name).append(value);
    return this;
  }

  String end() {
    return out.append('}').toString();
  }

  private StringBuilder name(String name) {
    if (!first) {
      out.append(',');
    }
    first = false;
    quoted(name);
    return out.append(':');
  }

  private void quoted(String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
