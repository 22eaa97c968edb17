package dev.spool.adapter.http;

/** Whether this node can serve: typically, whether its database answers. */
@FunctionalInterface
public interface Readiness {

  /** Returns normally when ready; throws, saying why, when not. */
  void check();
}
