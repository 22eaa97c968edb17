package dev.spool.domain.event;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads one flat JSON object (strings, numbers, booleans and nulls; no nesting), as every event's
 * wire form is, in any key order and spacing: the log may hand back its own normal form.
 */
final class FlatJson {
  private final String text;
  private int at;

  private FlatJson(String text) {
    this.text = text;
  }

  /** The object's fields: a String, a BigDecimal, a Boolean, or null for JSON null. */
  static Map<String, Object> read(String text) {
    return new FlatJson(text).object();
  }

  private Map<String, Object> object() {
    Map<String, Object> fields = new HashMap<>();
    expect('{');
    if (peek() == '}') {
      at++;
      return fields;
    }
    do {
      String name = string();
      expect(':');
      fields.put(name, value());
    } while (next() == ',');
    at--;
    expect('}');
    return fields;
  }

  private Object value() {
    char c = peek();
    if (c == '"') {
      return string();
    }
    int start = at;
    while (at < text.length() && ",}] \t\r\n".indexOf(text.charAt(at)) < 0) {
      at++;
    }
    String token = text.substring(start, at);
    return switch (token) {
      case "null" -> null;
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> number(token);
    };
  }

  private BigDecimal number(String token) {
    try {
      return new BigDecimal(token);
    } catch (NumberFormatException e) {
      throw malformed("a value");
    }
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escaped = charAt(at++);
      switch (escaped) {
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        }
        default -> out.append(escaped);
      }
    }
  }

  private void expect(char wanted) {
    if (next() != wanted) {
      throw malformed("'" + wanted + "'");
    }
  }

  private char next() {
    char c = peek();
    at++;
    return c;
  }

  private char peek() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
    return charAt(at);
  }

  private char charAt(int i) {
    if (i >= text.length()) {
      throw malformed("more");
    }
    return text.charAt(i);
  }

  private IllegalArgumentException malformed(String wanted) {
    return new IllegalArgumentException(
        "stored event JSON is malformed: expected " + wanted + " at " + at);
  }
}
