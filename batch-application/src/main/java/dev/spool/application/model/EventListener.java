package dev.spool.application.model;

/** Receives the events of a watched batch, each once and in sequence order. */
@FunctionalInterface
public interface EventListener {
  void onEvent(StoredEvent event);
}
