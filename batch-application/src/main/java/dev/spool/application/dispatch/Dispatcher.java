package dev.spool.application.dispatch;

import dev.spool.application.SpoolPorts;
import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.DispatchObserver;
import dev.spool.domain.dispatch.Backoff;
import dev.spool.domain.event.BatchEvent;
import dev.spool.domain.question.QuestionRules;
import dev.spool.domain.question.QuestionValidator;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Runs the items of running batches on this node: claims them (within each batch's concurrency,
 * counted across nodes, and the shared rate limit), generates each on its own virtual thread, and
 * hands the outcomes to a recorder that writes them in groups. Lease renewal and recovery run
 * beside it in a {@link LeaseKeeper}.
 */
public final class Dispatcher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());
  private final FailureStreak claimFailures = new FailureStreak(LOG, "claiming");

  private final DispatcherSettings settings;
  private final SpoolPorts ports;
  private final InFlight inFlight;
  private final ItemRunner runner;
  private final OutcomeRecorder recorder;
  private final LeaseKeeper keeper;
  private final Housekeeper housekeeper;
  private final PermitGate permits;
  private final DispatchObserver observer;
  private final Semaphore wake = new Semaphore(0);
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private volatile boolean running;
  private Thread claimer;

  public Dispatcher(
      DispatcherSettings settings,
      SpoolPorts ports,
      BatchSettler settler,
      QuestionRules rules,
      RandomGenerator random,
      Supplier<UUID> ids,
      DispatchObserver observer) {
    this.settings = settings;
    this.observer = observer;
    this.ports = ports;
    this.inFlight = new InFlight(settings.maxInFlight());
    this.runner = new ItemRunner(ports.generator(), new QuestionValidator(rules));
    this.recorder =
        new OutcomeRecorder(
            new OutcomeWriter(ports, settler, settings.backoff(), random, ids, observer),
            new Refiller(settings, ports.queue(), inFlight, () -> running, this::launchChecked),
            settings.flushBatchSize());
    this.keeper = new LeaseKeeper(settings, ports, inFlight, recorder::submit);
    this.housekeeper = new Housekeeper(ports, settler);
    this.permits =
        new PermitGate(
            ports.rateLimiter(), settings.estimatedTokensPerItem(), () -> running, observer);
  }

  /** Recovers the items this node held before a restart, then starts claiming. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    recorder.start("spool-recorder");
    keeper.recoverOwnLeases();
    keeper.start();
    housekeeper.start();
    claimer = Thread.ofPlatform().daemon(true).name("spool-claimer").start(this::claimLoop);
    LOG.log(System.Logger.Level.INFO, "dispatcher started on node " + settings.nodeId());
  }

  /**
   * Work may be waiting (a batch was created, resumed or reopened, or a cancelled or deleted batch
   * has bulk work left): look now, not at the poll.
   */
  public void workAvailable() {
    wake.release();
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
    wake.release();
    try {
      claimer.join(settings.shutdownGrace().toMillis());
      keeper.stop();
      housekeeper.stop();
      long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
      while (inFlight.size() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      for (ClaimedItem left : inFlight.items()) {
        recorder.submit(
            new Finished(
                left,
                new Attempt.Abandoned(),
                ports.clock().instant(),
                () -> inFlight.remove(left)));
      }
      recorder.stop(settings.shutdownGrace());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      workers.shutdownNow();
    }
    LOG.log(System.Logger.Level.INFO, "dispatcher stopped on node " + settings.nodeId());
  }

  /**
   * How long the claimer waits after {@code failuresInARow} failed claims: the idle poll, doubling
   * with each failure up to 64 times it or 5 seconds, whichever is less (but never below the poll).
   * A database that is away is asked a few times a second, not hundreds.
   */
  static Duration retryWait(Duration idlePoll, int failuresInARow) {
    Duration cap = idlePoll.multipliedBy(64);
    cap = cap.compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : cap;
    cap = cap.compareTo(idlePoll) < 0 ? idlePoll : cap;
    return new Backoff(idlePoll, cap).ceiling(Math.max(failuresInARow, 1));
  }

  private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(5);

  private void claimLoop() {
    while (running) {
      try {
        int slots = inFlight.takeSlots(settings.claimBatchSize(), settings.idlePoll().toMillis());
        if (slots == 0) {
          continue;
        }
        Duration wait = claimAndLaunch(slots);
        claimFailures.succeeded();
        if (!wait.isZero()) {
          wake.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        pause(retryWait(settings.idlePoll(), claimFailures.failed(e)));
      }
    }
  }

  /**
   * Claims into {@code slots} slots already taken and gives back the unused ones, also on failure.
   * Returns how long to wait before the next claim.
   */
  private Duration claimAndLaunch(int slots) {
    List<ClaimedItem> claimed;
    try {
      claimed = ports.transactions().inTransaction(() -> claim(slots));
    } catch (RuntimeException e) {
      inFlight.returnSlots(slots);
      throw e;
    }
    inFlight.returnSlots(slots - claimed.size());
    launchChecked(claimed);
    return claimed.isEmpty() ? settings.idlePoll() : Duration.ZERO;
  }

  private void launchChecked(List<ClaimedItem> claimed) {
    ConcurrencyCheck.Split split = ConcurrencyCheck.split(claimed);
    split.launch().forEach(this::launch);
    split.excess().forEach(this::giveBack);
  }

  private List<ClaimedItem> claim(int max) {
    List<ClaimedItem> claimed =
        ports.queue().claim(settings.nodeId(), max, settings.leaseDuration());
    List<BatchEvent> started = claimed.stream().<BatchEvent>map(ClaimedItem::startedEvent).toList();
    ports.events().append(started);
    return claimed;
  }

  private void launch(ClaimedItem claimed) {
    inFlight.add(claimed);
    observer.attemptStarted();
    workers.execute(() -> {
      Attempt attempt = permits.await() ? timed(claimed) : new Attempt.Abandoned();
      if (attempt instanceof Attempt.Failed(var error) && error.isRateLimited()) {
        error.retryAfter().ifPresent(permits::holdOff);
      }
      inFlight.returnSlots(1);
      permits.used(attempt instanceof Attempt.Succeeded(var q) ? q.usage().total() : 0);
      if (attempt instanceof Attempt.Succeeded(var q)) {
        observer.tokensUsed(q.usage());
      }
      recorder.submit(
          new Finished(claimed, attempt, ports.clock().instant(), () -> inFlight.remove(claimed)));
    });
  }

  private Attempt timed(ClaimedItem claimed) {
    long start = System.nanoTime();
    Attempt attempt = runner.run(claimed);
    observer.attemptFinished(
        switch (attempt) {
          case Attempt.Succeeded s -> DispatchObserver.AttemptResult.SUCCEEDED;
          case Attempt.Failed f -> DispatchObserver.AttemptResult.FAILED;
          case Attempt.Interrupted i -> DispatchObserver.AttemptResult.FAILED;
          case Attempt.Fatal f -> DispatchObserver.AttemptResult.FATAL;
          case Attempt.Abandoned a -> DispatchObserver.AttemptResult.ABANDONED;
        },
        Duration.ofNanos(System.nanoTime() - start));
    return attempt;
  }

  /** Releases an item the store should not have handed out; its slot was never taken. */
  private void giveBack(ClaimedItem claimed) {
    inFlight.returnSlots(1);
    recorder.submit(
        new Finished(claimed, new Attempt.Abandoned(), ports.clock().instant(), () -> {}));
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
