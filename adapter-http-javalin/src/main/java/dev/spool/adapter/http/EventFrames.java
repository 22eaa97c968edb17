package dev.spool.adapter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.application.port.out.StoredEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SSE bytes of recent events, shared by every stream on this node: an event watched by 500
 * clients is encoded once, not 500 times. Sequences are unique across batches, so they are the key;
 * the least recently used frames are dropped past {@code capacity}.
 */
final class EventFrames {
  private final ObjectMapper mapper;
  private final Map<Long, byte[]> frames;

  EventFrames(ObjectMapper mapper, int capacity) {
    this.mapper = mapper;
    this.frames =
        new LinkedHashMap<>(capacity, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > capacity;
          }
        };
  }

  byte[] of(StoredEvent event) {
    byte[] frame;
    synchronized (frames) {
      frame = frames.get(event.sequence());
    }
    if (frame == null) {
      frame =
          SseWriter.frame(
              mapper, event.sequence(), event.event().type(), EventPayloads.of(event.event()));
      synchronized (frames) {
        frames.put(event.sequence(), frame);
      }
    }
    return frame;
  }
}
