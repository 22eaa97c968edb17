package dev.spool.application.dispatch;

import dev.spool.application.loop.BackgroundLoop;
import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.SpoolPorts;
import dev.spool.domain.batch.Lease;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's leases alive while their items run, and recovers items whose lease expired on
 * any node (their node died or lost the database): such an attempt counts, and the item is retried
 * if it has attempts left.
 */
final class LeaseKeeper {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);
  private static final int RECOVERY_BATCH = 1_000;

  private final DispatcherSettings settings;
  private final SpoolPorts ports;
  private final InFlight inFlight;
  private final FinishedQueue finished;
  private final BackgroundLoop loop;
  private long nextRenew;
  private long nextRecover;

  LeaseKeeper(
      DispatcherSettings settings, SpoolPorts ports, InFlight inFlight, FinishedQueue finished) {
    this.settings = settings;
    this.ports = ports;
    this.inFlight = inFlight;
    this.finished = finished;
    this.loop = new BackgroundLoop("spool-lease-keeper", LOG, "lease housekeeping", this::turn);
  }

  /**
   * Takes back the items this node's previous incarnation held, without waiting for expiry. Their
   * attempts count, so an item that crashes its node cannot loop forever.
   */
  void recoverOwnLeases() {
    List<ClaimedItem> held =
        ports
            .transactions()
            .inTransaction(() -> ports.queue().heldBy(settings.nodeId(), Integer.MAX_VALUE));
    if (!held.isEmpty()) {
      LOG.info("recovering {} items this node held before it restarted", held.size());
    }
    held.forEach(c -> interrupted(c, "the node running it restarted"));
  }

  void start() {
    nextRenew = System.nanoTime() + settings.renewEvery().toNanos();
    nextRecover = System.nanoTime() + settings.recoverEvery().toNanos();
    loop.start();
  }

  void stop(Duration timeout) throws InterruptedException {
    loop.stop(timeout);
  }

  /**
   * Renews and recovers when each is due, and waits for the next of the two. Each task's next turn
   * is set before it runs: one that fails waits for the loop's backoff and then its turn, instead
   * of being retried in a tight loop.
   */
  private Duration turn() {
    if (System.nanoTime() >= nextRenew) {
      nextRenew = System.nanoTime() + settings.renewEvery().toNanos();
      renew();
    }
    if (System.nanoTime() >= nextRecover) {
      nextRecover = System.nanoTime() + settings.recoverEvery().toNanos();
      recoverExpired();
    }
    return Duration.ofNanos(Math.max(0, Math.min(nextRenew, nextRecover) - System.nanoTime()));
  }

  private void renew() {
    List<Lease> leases = inFlight.leases();
    if (leases.isEmpty()) {
      return;
    }
    List<Lease> renewed =
        ports
            .transactions()
            .inTransaction(() -> ports.queue().renew(leases, settings.leaseDuration()));
    Set<UUID> kept = renewed.stream().map(Lease::token).collect(Collectors.toSet());
    long lost =
        leases.stream().filter(l -> !kept.contains(l.token())).filter(inFlight::holds).count();
    if (lost > 0) {
      LOG.warn(
          "{} leases were lost before they could be renewed; those items are recovered elsewhere"
              + " and these results will be discarded",
          lost);
    }
  }

  private void recoverExpired() {
    List<ClaimedItem> expired =
        ports.transactions().inTransaction(() -> ports.queue().expired(RECOVERY_BATCH));
    for (ClaimedItem item : expired) {
      interrupted(item, "its lease expired before the attempt finished");
    }
  }

  private void interrupted(ClaimedItem claimed, String reason) {
    finished.submit(
        new Finished(claimed, new Attempt.Interrupted(reason), ports.clock().instant(), () -> {}));
  }
}
