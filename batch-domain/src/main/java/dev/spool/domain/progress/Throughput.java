package dev.spool.domain.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Items per second as a rolling average over the last {@value #WINDOW} completions: the number of
 * intervals between them divided by the time they span.
 */
public final class Throughput {
  public static final int WINDOW = 10;

  private Throughput() {}

  /**
   * @param completions completion times, in any order; only the latest {@value #WINDOW} count
   * @return empty until two completions a measurable time apart are known
   */
  public static OptionalDouble perSecond(List<Instant> completions) {
    List<Instant> latest =
        completions.stream().sorted().skip(Math.max(0, completions.size() - WINDOW)).toList();
    if (latest.size() < 2) {
      return OptionalDouble.empty();
    }
    long nanos = Duration.between(latest.getFirst(), latest.getLast()).toNanos();
    if (nanos <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of((latest.size() - 1) / (nanos / 1e9));
  }
}
