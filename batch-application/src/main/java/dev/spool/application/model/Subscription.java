package dev.spool.application.model;

/** A watch of a batch's events; closing it stops the deliveries. */
public interface Subscription extends AutoCloseable {
  @Override
  void close();
}
