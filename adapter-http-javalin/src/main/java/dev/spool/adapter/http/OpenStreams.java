package dev.spool.adapter.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The progress streams open on this node: counted for metrics, and stopped at shutdown. */
final class OpenStreams {
  private final Set<Subscriber> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;

  /** Registers a stream; closing the registration forgets it. */
  AutoCloseable open(Subscriber subscriber) {
    open.add(subscriber);
    if (closing) {
      subscriber.stop();
    }
    return () -> open.remove(subscriber);
  }

  int count() {
    return open.size();
  }

  void stopAll() {
    closing = true;
    open.forEach(Subscriber::stop);
  }
}
