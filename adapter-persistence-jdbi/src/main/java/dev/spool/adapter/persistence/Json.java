package dev.spool.adapter.persistence;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The JSON helpers the codecs share; jsonb columns are read and written as text. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON tree could not be written; this indicates a bug", e);
    }
  }

  /** Writes a JSON value, or the content of an object or array. */
  @FunctionalInterface
  interface Fields {
    void write(JsonGenerator generator) throws IOException;
  }

  /**
   * Writes many small JSON texts, such as the item specs of a create, through one generator and one
   * buffer, straight from the values without building trees. A generator per text would cost more
   * than the text does.
   */
  static final class Texts {
    private final StringWriter out = new StringWriter(512);
    private final JsonGenerator generator;

    Texts() {
      try {
        generator = MAPPER.getFactory().createGenerator(out);
      } catch (IOException e) {
        throw new IllegalStateException("JSON generator could not be created", e);
      }
      generator.setRootValueSeparator(null);
    }

    String object(Fields fields) {
      return value(g -> {
        g.writeStartObject();
        fields.write(g);
        g.writeEndObject();
      });
    }

    String array(Fields elements) {
      return value(g -> {
        g.writeStartArray();
        elements.write(g);
        g.writeEndArray();
      });
    }

    /** One JSON value, written whole by {@code value}, as text. */
    String value(Fields value) {
      try {
        value.write(generator);
        generator.flush();
      } catch (IOException e) {
        throw new IllegalStateException("JSON could not be written; this indicates a bug", e);
      }
      String text = out.toString();
      out.getBuffer().setLength(0);
      return text;
    }
  }

  static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
    }
  }

  static ArrayNode uuids(List<UUID> ids) {
    ArrayNode array = array();
    ids.forEach(id -> array.add(id.toString()));
    return array;
  }

  static List<UUID> uuids(JsonNode array) {
    return stream(array).map(n -> UUID.fromString(n.asText())).toList();
  }

  static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false);
  }

  static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }
}
