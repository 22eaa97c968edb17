package dev.spool.domain.progress;

import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.ItemCounts;
import dev.spool.domain.money.Spend;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Where a batch stands, as a person watching it wants to know.
 *
 * @param progress the finished share of the items (completed, failed or cancelled), 0 to 1
 * @param throughput items per second over the last completions, when known
 * @param etaSeconds the remaining items divided by the throughput; empty until it can be estimated,
 *     0 when nothing remains
 * @param spend what the batch has spent, its projected cost and its budget
 */
public record Progress(
    int total,
    int completed,
    int failed,
    int cancelled,
    int pending,
    int inProgress,
    double progress,
    OptionalDouble throughput,
    OptionalLong etaSeconds,
    Spend spend) {

  public Progress {
    Objects.requireNonNull(throughput, "throughput");
    Objects.requireNonNull(etaSeconds, "etaSeconds");
    Objects.requireNonNull(spend, "spend");
  }

  /** Progress with no money spent or known. */
  public Progress(
      int total,
      int completed,
      int failed,
      int cancelled,
      int pending,
      int inProgress,
      double progress,
      OptionalDouble throughput,
      OptionalLong etaSeconds) {
    this(
        total,
        completed,
        failed,
        cancelled,
        pending,
        inProgress,
        progress,
        throughput,
        etaSeconds,
        Spend.NONE);
  }

  /** This progress with {@code newSpend} as its money part. */
  public Progress withSpend(Spend newSpend) {
    return new Progress(
        total,
        completed,
        failed,
        cancelled,
        pending,
        inProgress,
        progress,
        throughput,
        etaSeconds,
        newSpend);
  }

  /**
   * Where a batch in {@code status} stands. Only a running batch has an ETA for what remains: a
   * paused one would otherwise promise a finish that its pause holds back.
   */
  public static Progress of(
      BatchStatus status, ItemCounts counts, List<Instant> recentCompletions) {
    Progress progress = of(counts, recentCompletions);
    boolean advancing = status == BatchStatus.RUNNING || counts.isDrained();
    return advancing ? progress : progress.withoutEta();
  }

  /** Where a running batch with these counts stands. */
  public static Progress of(ItemCounts counts, List<Instant> recentCompletions) {
    int finished = counts.completed() + counts.failed() + counts.cancelled();
    double share = counts.total() == 0 ? 1.0 : (double) finished / counts.total();
    int remaining = counts.pending() + counts.inFlight();
    OptionalDouble throughput = Throughput.perSecond(recentCompletions);
    OptionalLong eta = eta(remaining, throughput);
    return new Progress(
        counts.total(),
        counts.completed(),
        counts.failed(),
        counts.cancelled(),
        counts.pending(),
        counts.inFlight(),
        share,
        throughput,
        eta);
  }

  private Progress withoutEta() {
    return new Progress(
        total,
        completed,
        failed,
        cancelled,
        pending,
        inProgress,
        progress,
        throughput,
        OptionalLong.empty(),
        spend);
  }

  private static OptionalLong eta(int remaining, OptionalDouble throughput) {
    if (remaining == 0) {
      return OptionalLong.of(0);
    }
    if (throughput.isEmpty()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of((long) Math.ceil(remaining / throughput.getAsDouble()));
  }
}
