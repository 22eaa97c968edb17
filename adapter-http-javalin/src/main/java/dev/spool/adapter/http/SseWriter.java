package dev.spool.adapter.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes Server-Sent Events. Writes are buffered until {@link #flush()}, so a burst of events costs
 * one flush, not one each.
 */
final class SseWriter {
  private final OutputStream out;

  SseWriter(OutputStream out) {
    this.out = out;
  }

  /**
   * The bytes of one event, its {@code json} sent as it is (one line: JSON text escapes its line
   * breaks); {@code id} may be null for events a client need not resume after.
   */
  static byte[] frame(Long id, String name, String json) {
    return frame(id == null ? null : id.toString(), name, json);
  }

  /** As {@link #frame(Long, String, String)}, with an id that need not be a number. */
  static byte[] frame(String id, String name, String json) {
    StringBuilder text = new StringBuilder(json.length() + 64);
    if (id != null) {
      text.append("id: ").append(id).append('\n');
    }
    text.append("event: ").append(name).append('\n');
    text.append("data: ").append(json).append("\n\n");
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  void event(Long id, String name, String json) throws IOException {
    out.write(frame(id, name, json));
  }

  void event(String id, String name, String json) throws IOException {
    out.write(frame(id, name, json));
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
