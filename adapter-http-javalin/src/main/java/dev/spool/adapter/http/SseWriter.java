package dev.spool.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes Server-Sent Events. Writes are buffered until {@link #flush()}, so a burst of events costs
 * one flush, not one each.
 */
final class SseWriter {
  private final OutputStream out;
  private final ObjectMapper mapper;

  SseWriter(OutputStream out, ObjectMapper mapper) {
    this.out = out;
    this.mapper = mapper;
  }

  /** The bytes of one event; {@code id} may be null for events a client need not resume after. */
  static byte[] frame(ObjectMapper mapper, Long id, String name, Object data) {
    StringBuilder text = new StringBuilder(256);
    if (id != null) {
      text.append("id: ").append(id).append('\n');
    }
    text.append("event: ").append(name).append('\n');
    try {
      text.append("data: ").append(mapper.writeValueAsString(data)).append("\n\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an event payload could not be written; this is a bug", e);
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  void event(Long id, String name, Object data) throws IOException {
    out.write(frame(mapper, id, name, data));
  }

  /** An event already framed, as {@link EventFrames} keeps them. */
  void frame(byte[] frame) throws IOException {
    out.write(frame);
  }

  void retry(long millis) throws IOException {
    out.write(("retry: " + millis + "\n\n").getBytes(StandardCharsets.UTF_8));
  }

  void flush() throws IOException {
    out.flush();
  }
}
