package dev.spool.adapter.mcp;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps the MCP SDK's session sweeper from holding the JVM open.
 *
 * <p>The SDK's streamable HTTP transport (2.2.0) sweeps idle sessions on a {@code
 * Schedulers.newSingle(name)} of its own: a non-daemon thread that it never disposes, so a JVM that
 * embedded the server and closed it could not exit. While the transport is built ({@link #build}),
 * a Reactor executor decorator finds that scheduler's executor, makes its thread a daemon, and
 * keeps it for {@link #shutdown}. The decorator is removed when the build returns; Reactor's
 * factory and its shared schedulers are not touched.
 */
final class SessionSweeper {
  /** What the SDK names the sweeper's thread and scheduler. */
  static final String NAME = "session-sweeper";

  private final List<ScheduledExecutorService> executors = new CopyOnWriteArrayList<>();

  /** Runs {@code build} with the decorator in place. */
  <T> T build(Supplier<T> build) {
    String key = "spool-mcp-" + NAME + "-" + UUID.randomUUID();
    Schedulers.addExecutorServiceDecorator(key, this::adopt);
    try {
      return build.get();
    } finally {
      Schedulers.removeExecutorServiceDecorator(key);
    }
  }

  /** Stops the sweeper's thread. */
  void shutdown() {
    executors.forEach(ExecutorService::shutdownNow);
    executors.clear();
  }

  private ScheduledExecutorService adopt(Scheduler scheduler, ScheduledExecutorService executor) {
    if (scheduler.toString().contains(NAME) && executor instanceof ThreadPoolExecutor pool) {
      ThreadFactory threads = pool.getThreadFactory();
      pool.setThreadFactory(task -> {
        Thread thread = threads.newThread(task);
        thread.setDaemon(true);
        return thread;
      });
      executors.add(executor);
    }
    return executor;
  }
}
