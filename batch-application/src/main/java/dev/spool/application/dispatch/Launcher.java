package dev.spool.application.dispatch;

import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.DispatchObserver;
import dev.spool.application.port.out.RateLimiter;
import dev.spool.domain.ratelimit.TokenBucket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs claimed items, each on its own virtual thread and at once (its rate-limit permit was taken
 * before the claim, by the {@link PermitGate}): generates, and hands the attempt to the {@link
 * FinishedQueue}. Items a broken store handed out beyond a batch's concurrency are given back
 * unrun, with their permits.
 */
final class Launcher implements AutoCloseable {
  /** How long after its permits a claim may still start its calls, with a margin for the launch. */
  static final Duration FRESH = TokenBucket.CALL_DELAY_ALLOWANCE.minusMillis(2);

  private final InFlight inFlight;
  private final ItemRunner runner;
  private final PermitGate permits;
  private final FinishedQueue finished;
  private final DispatchObserver observer;
  private final Clock clock;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

  Launcher(
      InFlight inFlight,
      ItemRunner runner,
      PermitGate permits,
      FinishedQueue finished,
      DispatchObserver observer,
      Clock clock) {
    this.inFlight = inFlight;
    this.runner = runner;
    this.permits = permits;
    this.finished = finished;
    this.observer = observer;
    this.clock = clock;
  }

  /**
   * Starts what was claimed into slots already taken, with the rate-limit permits taken for it at
   * {@code permitsTakenAt} ({@link System#nanoTime()}). A limiter counts a call when it grants its
   * permit, and its windows allow a call to start at most {@link TokenBucket#CALL_DELAY_ALLOWANCE}
   * later. Items whose claim took longer than that (a slow commit, a long outcome write) give their
   * permits back and take fresh ones, as many at a time as the limiter grants, before they start:
   * no call starts outside the window its permit was counted in.
   */
  void launch(List<ClaimedItem> claimed, long permitsTakenAt) {
    ConcurrencyCheck.Split split = ConcurrencyCheck.split(claimed);
    List<ClaimedItem> run = split.launch();
    run.forEach(c -> {
      inFlight.add(c);
      observer.attemptStarted();
    });
    if (System.nanoTime() - permitsTakenAt <= FRESH.toNanos()) {
      run.forEach(this::start);
    } else if (!run.isEmpty()) {
      permits.giveBack(run.size());
      workers.execute(() -> startAsPermitted(run));
    }
    split.excess().forEach(this::giveBack);
  }

  /**
   * Starts {@code waiting} in order as fresh permits come; what is left at shutdown is released.
   */
  private void startAsPermitted(List<ClaimedItem> waiting) {
    int next = 0;
    try {
      while (next < waiting.size()) {
        RateLimiter.Permits granted = permits.take(waiting.size() - next);
        for (int i = 0; i < granted.granted(); i++) {
          start(waiting.get(next++));
        }
        if (granted.granted() == 0) {
          Thread.sleep(granted.retryIn());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      for (ClaimedItem left : waiting.subList(next, waiting.size())) {
        inFlight.returnSlots(1);
        finished.submit(
            new Finished(
                left, new Attempt.Abandoned(), clock.instant(), () -> inFlight.remove(left)));
      }
    }
  }

  private void start(ClaimedItem claimed) {
    workers.execute(() -> {
      Attempt attempt = timed(claimed);
      if (attempt instanceof Attempt.Failed(var error) && error.isRateLimited()) {
        error.retryAfter().ifPresent(permits::holdOff);
      }
      inFlight.returnSlots(1);
      permits.used(attempt instanceof Attempt.Succeeded(var q) ? q.usage().total() : 0);
      if (attempt instanceof Attempt.Succeeded(var q)) {
        observer.tokensUsed(q.usage());
      }
      finished.submit(
          new Finished(claimed, attempt, clock.instant(), () -> inFlight.remove(claimed)));
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

  /** Releases an item the store should not have handed out; its slot was never used. */
  private void giveBack(ClaimedItem claimed) {
    inFlight.returnSlots(1);
    permits.giveBack(1);
    finished.submit(new Finished(claimed, new Attempt.Abandoned(), clock.instant(), () -> {}));
  }

  /** Interrupts what still runs. */
  @Override
  public void close() {
    workers.shutdownNow();
  }
}
