package dev.spool.bench;

import dev.spool.application.port.out.DispatchObserver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counts the dispatcher's outcome writes: how many, how big, how long. */
final class WriteStats implements DispatchObserver {
  private final LongAdder writes = new LongAdder();
  private final LongAdder written = new LongAdder();
  private final LongAdder nanos = new LongAdder();

  @Override
  public void outcomesWritten(int outcomes, Duration took) {
    writes.increment();
    written.add(outcomes);
    nanos.add(took.toNanos());
  }

  void reset() {
    writes.reset();
    written.reset();
    nanos.reset();
  }

  void report(String prefix, Map<String, Object> figures) {
    long count = Math.max(1, writes.sum());
    figures.put(prefix + ".writes", writes.sum());
    figures.put(prefix + ".write_mean_ms", Makespan.round(nanos.sum() / 1e6 / count, 2));
    figures.put(prefix + ".write_group_mean", Makespan.round(written.sum() / (double) count, 1));
  }
}
