package dev.spool.adapter.http;

import dev.spool.application.model.StoredEvent;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SSE bytes of recent events, shared by every stream on this node: an event watched by 500
 * clients is framed once, not 500 times. Sequences are unique across batches, so they are the key.
 * Every stream asks for each event, so the lookup takes no lock; the map is bounded by starting
 * over once it holds twice {@code capacity} frames (a frame dropped early is only encoded again).
 */
final class EventFrames {
  private final int capacity;
  private final ConcurrentHashMap<Long, byte[]> frames = new ConcurrentHashMap<>();

  EventFrames(int capacity) {
    this.capacity = capacity;
  }

  byte[] of(StoredEvent event) {
    byte[] frame = frames.get(event.sequence());
    if (frame != null) {
      return frame;
    }
    if (frames.size() >= 2 * capacity) {
      frames.clear();
    }
    return frames.computeIfAbsent(
        event.sequence(), sequence -> SseWriter.frame(sequence, event.type(), event.json()));
  }

  int size() {
    return frames.size();
  }
}
