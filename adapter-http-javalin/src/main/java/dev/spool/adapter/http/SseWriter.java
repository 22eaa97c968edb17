package dev.spool.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes Server-Sent Events, one flushed event at a time. */
final class SseWriter {
  private final OutputStream out;
  private final ObjectMapper mapper;

  SseWriter(OutputStream out, ObjectMapper mapper) {
    this.out = out;
    this.mapper = mapper;
  }

  /** An event; {@code id} may be null for events a client need not resume after. */
  void event(Long id, String name, Object data) throws IOException {
    StringBuilder text = new StringBuilder(256);
    if (id != null) {
      text.append("id: ").append(id).append('\n');
    }
    text.append("event: ").append(name).append('\n');
    text.append("data: ").append(json(data)).append("\n\n");
    write(text.toString());
  }

  void retry(long millis) throws IOException {
    write("retry: " + millis + "\n\n");
  }

  private void write(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private String json(Object data) {
    try {
      return mapper.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an event payload could not be written; this is a bug", e);
    }
  }
}
