package dev.spool.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/** Small measuring helpers. */
final class Stats {
  private Stats() {}

  /** The {@code p}-th percentile (0 to 100) of {@code values}, nearest rank. */
  static double percentile(long[] values, double p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double millis(double nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }

  /** Heap in use after a full collection, in MiB. */
  static long heapAfterGcMiB() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
  }

  static long heapUsedMiB() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
  }

  /** The median time of {@code rounds} runs of {@code action}, in ms. */
  static double medianMillis(int rounds, Runnable action) {
    long[] times = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      action.run();
      times[i] = System.nanoTime() - start;
    }
    return millis(percentile(times, 50));
  }
}
