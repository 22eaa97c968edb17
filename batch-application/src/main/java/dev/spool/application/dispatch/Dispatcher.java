package dev.spool.application.dispatch;

import dev.spool.application.loop.BackgroundLoop;
import dev.spool.application.model.Pricing;
import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.DispatchObserver;
import dev.spool.application.port.out.SpoolPorts;
import dev.spool.domain.event.BatchEvent;
import dev.spool.domain.question.QuestionRules;
import dev.spool.domain.question.QuestionValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the items of running batches on this node. One item's path goes through each part once: the
 * {@link Claimer} claims it (within each batch's concurrency, counted across nodes), the {@link
 * Launcher} generates it on its own virtual thread under the shared rate limit, the {@link
 * OutcomeRecorder} writes its outcome in a group and refills from the freed slots. Lease renewal
 * and recovery run beside them in a {@link LeaseKeeper}, bulk work in a {@link Housekeeper}.
 */
public final class Dispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final DispatcherSettings settings;
  private final SpoolPorts ports;
  private final InFlight inFlight;
  private final Claimer claimer;
  private final FinishedQueue finished = new FinishedQueue();
  private final Launcher launcher;
  private final OutcomeRecorder recorder;
  private final LeaseKeeper keeper;
  private final Housekeeper housekeeper;
  private final BackgroundLoop claimLoop;
  private final PermitGate permits;
  private Duration emptyWait = Duration.ZERO;
  private volatile boolean running;

  public Dispatcher(
      DispatcherSettings settings,
      SpoolPorts ports,
      BatchSettler settler,
      QuestionRules rules,
      RandomGenerator random,
      Supplier<UUID> ids,
      DispatchObserver observer,
      Pricing pricing) {
    this.settings = settings;
    this.ports = ports;
    this.inFlight = new InFlight(settings.maxInFlight());
    this.claimer = new Claimer(settings, ports.queue(), pricing);
    this.permits =
        new PermitGate(
            ports.rateLimiter(),
            settings.estimatedTokensPerItem(),
            () -> running,
            observer,
            this::wakeClaimer);
    this.launcher =
        new Launcher(
            inFlight,
            new ItemRunner(ports.generator(), new QuestionValidator(rules)),
            permits,
            finished,
            observer,
            ports.clock());
    this.recorder =
        new OutcomeRecorder(
            new OutcomeWriter(ports, settler, settings.backoff(), random, ids, observer, pricing),
            new Refiller(
                settings.claimBatchSize(), claimer, inFlight, launcher, permits, () -> running),
            finished,
            settings.flushBatchSize());
    this.keeper = new LeaseKeeper(settings, ports, inFlight, finished);
    this.housekeeper = new Housekeeper(ports, settler, pricing);
    this.claimLoop = new BackgroundLoop("spool-claimer", LOG, "claiming", this::claimTurn);
  }

  /** Recovers the items this node held before a restart, then starts claiming. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    recorder.start();
    keeper.recoverOwnLeases();
    keeper.start();
    housekeeper.start();
    claimLoop.start();
    LOG.info("dispatcher started on node {}", settings.nodeId());
  }

  /**
   * Work may be waiting (a batch was created, resumed or reopened, or a cancelled or deleted batch
   * has bulk work left): look now, not at the poll.
   */
  public void workAvailable() {
    claimLoop.wake();
    housekeeper.wake();
  }

  /** Items this node is running now. */
  public int inFlight() {
    return inFlight.size();
  }

  /**
   * Stops claiming, lets running items finish for up to the shutdown grace, releases the rest back
   * to pending, and writes every outcome it can.
   */
  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    Duration grace = settings.shutdownGrace();
    try {
      claimLoop.stop(grace);
      keeper.stop(grace);
      housekeeper.stop(grace);
      long deadline = System.nanoTime() + grace.toNanos();
      while (inFlight.size() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      for (ClaimedItem left : inFlight.items()) {
        finished.submit(
            new Finished(
                left,
                new Attempt.Abandoned(),
                ports.clock().instant(),
                () -> inFlight.remove(left)));
      }
      recorder.stop(grace);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      launcher.close();
    }
    LOG.info("dispatcher stopped on node {}", settings.nodeId());
  }

  /**
   * Claims into the slots free now (waiting up to the idle poll for one), as many as the {@link
   * PermitGate} has room for, and launches what it claimed. When there was nothing to claim, waits
   * a little, then longer (see {@link #afterClaim}); {@link #workAvailable()} and an item passing
   * the permit gate cut the wait short.
   */
  private Duration claimTurn() throws InterruptedException {
    int free = inFlight.takeSlots(settings.claimBatchSize(), settings.idlePoll().toMillis());
    if (free == 0) {
      return Duration.ZERO;
    }
    int slots = permits.room(free);
    inFlight.returnSlots(free - slots);
    if (slots == 0) {
      return settings.idlePoll();
    }
    List<ClaimedItem> claimed;
    try {
      claimed =
          ports
              .transactions()
              .inTransaction(() -> {
                List<BatchEvent> started = new ArrayList<>();
                List<ClaimedItem> items = claimer.claim(slots, started);
                ports.events().append(started);
                return items;
              });
    } catch (RuntimeException e) {
      inFlight.returnSlots(slots);
      throw e;
    }
    inFlight.returnSlots(slots - claimed.size());
    launcher.launch(claimed);
    if (claimed.isEmpty()) {
      // a batch may have nothing it can afford: the housekeeper pauses it
      housekeeper.nudge();
    }
    return afterClaim(!claimed.isEmpty());
  }

  /** An item left the permit gate: there may be room for a claim now. */
  private void wakeClaimer() {
    BackgroundLoop loop = claimLoop;
    if (loop != null) {
      loop.wake();
    }
  }

  /**
   * How long to wait after a claim: not at all after one that found work; after one that found
   * none, 5 ms, doubling up to the idle poll. A claim can come back empty because the batches were
   * locked by an outcome write at that moment; waiting the whole idle poll then, with the permit
   * gate holding room for a claim under a contended limit, left the limit unused. A node with
   * nothing to do still settles at one claim per idle poll.
   */
  private Duration afterClaim(boolean foundWork) {
    if (foundWork) {
      emptyWait = Duration.ZERO;
      return Duration.ZERO;
    }
    Duration doubled = emptyWait.isZero() ? Duration.ofMillis(5) : emptyWait.multipliedBy(2);
    emptyWait = doubled.compareTo(settings.idlePoll()) > 0 ? settings.idlePoll() : doubled;
    return emptyWait;
  }
}
