package dev.spool.application.dispatch;

import dev.spool.domain.dispatch.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How a node's dispatcher runs.
 *
 * @param nodeId this node's stable name; leases are held under it, and recovered under it after a
 *     restart
 * @param maxInFlight items this node runs at once, over all batches
 * @param claimBatchSize the most items one claim takes
 * @param idlePoll how long to wait for work when none was found (work created on this node wakes
 *     the dispatcher at once)
 * @param leaseDuration how long a claim holds an item without renewal
 * @param renewEvery how often leases of running items are renewed
 * @param recoverEvery how often expired leases of any node are recovered
 * @param shutdownGrace how long shutdown lets running items finish before releasing them
 * @param flushBatchSize the most outcomes written in one transaction
 * @param estimatedTokensPerItem reserved from the token budget before each call
 */
public record DispatcherSettings(
    String nodeId,
    int maxInFlight,
    int claimBatchSize,
    Duration idlePoll,
    Duration leaseDuration,
    Duration renewEvery,
    Duration recoverEvery,
    Duration shutdownGrace,
    int flushBatchSize,
    long estimatedTokensPerItem,
    Backoff backoff) {

  public DispatcherSettings {
    Objects.requireNonNull(nodeId, "nodeId");
    if (nodeId.isBlank()) {
      throw new IllegalArgumentException("nodeId must not be blank");
    }
    if (maxInFlight < 1 || claimBatchSize < 1 || flushBatchSize < 1) {
      throw new IllegalArgumentException("maxInFlight, claimBatchSize and flushBatchSize >= 1");
    }
    if (renewEvery.compareTo(leaseDuration) >= 0) {
      throw new IllegalArgumentException("leases must be renewed before they expire");
    }
    Objects.requireNonNull(idlePoll, "idlePoll");
    Objects.requireNonNull(recoverEvery, "recoverEvery");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    Objects.requireNonNull(backoff, "backoff");
  }

  /**
   * Sensible defaults: 30 s leases renewed every 10 s; up to 1,024 items in flight on the node,
   * claimed up to 256 at a time, and written up to 1,024 outcomes a transaction.
   *
   * <p>A claim and an outcome write each lock their batches' rows, so a batch's items move through
   * one such cycle at a time, and every cycle pays a commit: the more items a cycle carries, the
   * fewer it takes. Under a real provider the limit and the batch's concurrency keep claims small
   * anyway; when calls are fast, 64-item claims held one 500-wide batch to about 8,700 items a
   * second through the server, where 256 reach about 10,500 (BENCHMARKS.md, B1). A node should also
   * run one batch at the concurrency it asked for: a server allows up to 1,000, and 256 in flight
   * held a 500-wide batch to 256 on a node of its own.
   */
  public static DispatcherSettings defaults(String nodeId) {
    return new DispatcherSettings(
        nodeId,
        1024,
        256,
        Duration.ofMillis(250),
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        1024,
        0,
        Backoff.DEFAULT);
  }

  public DispatcherSettings withLeases(Duration lease, Duration renew, Duration recover) {
    return new DispatcherSettings(
        nodeId,
        maxInFlight,
        claimBatchSize,
        idlePoll,
        lease,
        renew,
        recover,
        shutdownGrace,
        flushBatchSize,
        estimatedTokensPerItem,
        backoff);
  }

  public DispatcherSettings withBackoff(Backoff newBackoff) {
    return new DispatcherSettings(
        nodeId,
        maxInFlight,
        claimBatchSize,
        idlePoll,
        leaseDuration,
        renewEvery,
        recoverEvery,
        shutdownGrace,
        flushBatchSize,
        estimatedTokensPerItem,
        newBackoff);
  }

  public DispatcherSettings withShutdownGrace(Duration grace) {
    return new DispatcherSettings(
        nodeId,
        maxInFlight,
        claimBatchSize,
        idlePoll,
        leaseDuration,
        renewEvery,
        recoverEvery,
        grace,
        flushBatchSize,
        estimatedTokensPerItem,
        backoff);
  }
}
