package dev.spool.adapter.mcp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The Reactor schedulers the MCP SDK makes for itself while it is built, on daemon threads, kept so
 * that closing Spool's MCP server disposes them.
 *
 * <p>The SDK's streamable HTTP transport (2.2.0) sweeps idle sessions on a {@code
 * Schedulers.newSingle(name)} of its own: a non-daemon thread that it never disposes, so a JVM that
 * embedded the server and closed it could not exit. Only the schedulers made inside {@link #build}
 * pass through here; Reactor's factory is restored when it returns.
 */
final class OwnedSchedulers implements Schedulers.Factory {
  private final List<Scheduler> made = new CopyOnWriteArrayList<>();

  /** Runs {@code build} with this factory in place, and restores the one before. */
  <T> T build(Supplier<T> build) {
    Schedulers.Snapshot before = Schedulers.setFactoryWithSnapshot(this);
    try {
      return build.get();
    } finally {
      Schedulers.resetFrom(before);
    }
  }

  @Override
  public Scheduler newSingle(ThreadFactory threads) {
    return keep(Schedulers.Factory.super.newSingle(daemon(threads)));
  }

  @Override
  public Scheduler newParallel(int parallelism, ThreadFactory threads) {
    return keep(Schedulers.Factory.super.newParallel(parallelism, daemon(threads)));
  }

  /** Stops every scheduler made while building; their threads end. */
  void dispose() {
    made.forEach(Scheduler::dispose);
    made.clear();
  }

  private Scheduler keep(Scheduler scheduler) {
    made.add(scheduler);
    return scheduler;
  }

  private static ThreadFactory daemon(ThreadFactory threads) {
    return task -> {
      Thread thread = threads.newThread(task);
      thread.setDaemon(true);
      return thread;
    };
  }
}
