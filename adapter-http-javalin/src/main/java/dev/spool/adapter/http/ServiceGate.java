package dev.spool.adapter.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Refuses API calls at once with 503 while they cannot be served: every call while the database is
 * away (instead of waiting out the pool's timeout and answering 500), and new batches once the node
 * has begun to drain for shutdown (control calls on existing batches go on until the server stops).
 */
final class ServiceGate {
  static final String RETRY_AFTER_SECONDS = "5";

  private final DatabaseHealth database;
  private final AtomicBoolean draining = new AtomicBoolean();

  ServiceGate(DatabaseHealth database) {
    this.database = database;
  }

  void register(JavalinConfig config) {
    config.routes.before(BatchRoutes.BASE + "/*", this::admit);
  }

  void drain() {
    draining.set(true);
  }

  DatabaseHealth database() {
    return database;
  }

  /** Why this node is not ready, if it is not. */
  Optional<String> notReady() {
    if (draining.get()) {
      return Optional.of("this node is shutting down");
    }
    return database.outage().map(reason -> "the database is unavailable: " + reason);
  }

  private void admit(Context ctx) {
    Optional<String> outage = database.outage();
    if (outage.isPresent()) {
      throw ApiError.databaseUnavailable(outage);
    }
    if (draining.get()
        && ctx.method() == HandlerType.POST
        && ctx.path().equals(BatchRoutes.BASE + "/batch")) {
      throw ApiError.unavailable("this node is shutting down; send new batches to another node");
    }
  }
}
