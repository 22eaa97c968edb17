package dev.spool.application.dispatch;

import dev.spool.application.SpoolPorts;
import dev.spool.application.port.out.ClaimedItem;
import dev.spool.domain.batch.Lease;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Keeps this node's leases alive while their items run, and recovers items whose lease expired on
 * any node (their node died or lost the database): such an attempt counts, and the item is retried
 * if it has attempts left.
 */
final class LeaseKeeper {
  private static final System.Logger LOG = System.getLogger(LeaseKeeper.class.getName());
  private final FailureStreak failures = new FailureStreak(LOG, "lease housekeeping");
  private static final int RECOVERY_BATCH = 1_000;

  private final DispatcherSettings settings;
  private final SpoolPorts ports;
  private final InFlight inFlight;
  private final Consumer<Finished> recorder;
  private final Semaphore stopSignal = new Semaphore(0);
  private volatile boolean running;
  private Thread thread;

  LeaseKeeper(
      DispatcherSettings settings,
      SpoolPorts ports,
      InFlight inFlight,
      Consumer<Finished> recorder) {
    this.settings = settings;
    this.ports = ports;
    this.inFlight = inFlight;
    this.recorder = recorder;
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
      LOG.log(
          System.Logger.Level.INFO,
          "recovering " + held.size() + " items this node held before it restarted");
    }
    held.forEach(c -> interrupted(c, "the node running it restarted"));
  }

  void start() {
    running = true;
    thread = Thread.ofPlatform().daemon(true).name("spool-lease-keeper").start(this::loop);
  }

  void stop() throws InterruptedException {
    running = false;
    if (thread != null) {
      stopSignal.release();
      thread.join();
    }
  }

  private void loop() {
    long nextRenew = System.nanoTime() + settings.renewEvery().toNanos();
    long nextRecover = System.nanoTime() + settings.recoverEvery().toNanos();
    while (running) {
      try {
        long waitNanos = Math.max(0, Math.min(nextRenew, nextRecover) - System.nanoTime());
        if (stopSignal.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
          return;
        }
        // each task's next turn is set before it runs: one that fails (the database is away)
        // waits for that turn instead of being retried in a tight loop
        if (System.nanoTime() >= nextRenew) {
          nextRenew = System.nanoTime() + settings.renewEvery().toNanos();
          renew();
        }
        if (System.nanoTime() >= nextRecover) {
          nextRecover = System.nanoTime() + settings.recoverEvery().toNanos();
          recoverExpired();
        }
        failures.succeeded();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        failures.failed(e);
      }
    }
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
      LOG.log(
          System.Logger.Level.WARNING,
          lost
              + " leases were lost before they could be"
              + " renewed; those items are recovered elsewhere and these results will be discarded");
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
    recorder.accept(
        new Finished(claimed, new Attempt.Interrupted(reason), ports.clock().instant(), () -> {}));
  }
}
