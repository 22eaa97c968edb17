package dev.spool.application.dispatch;

import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.DispatchObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs claimed items, each on its own virtual thread: waits for the shared rate limit, generates,
 * and hands the attempt to the {@link FinishedQueue}. Items a broken store handed out beyond a
 * batch's concurrency are given back unrun.
 */
final class Launcher implements AutoCloseable {
  /** Up to this many items, their threads are started by the caller. */
  private static final int START_INLINE = 8;

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
   * Starts what was claimed into slots already taken. The items are tracked at once, so a lease
   * renewal or a shutdown sees them; their threads are started from a thread of their own when
   * there are many: starting a few hundred virtual threads took the outcome writer, which launches
   * what its refill claimed, about 0.4 ms per write (2 % of its cycle in B1).
   */
  void launch(List<ClaimedItem> claimed) {
    ConcurrencyCheck.Split split = ConcurrencyCheck.split(claimed);
    List<ClaimedItem> started = split.launch();
    started.forEach(inFlight::add);
    split.excess().forEach(this::giveBack);
    if (started.size() <= START_INLINE) {
      started.forEach(this::start);
    } else {
      workers.execute(() -> started.forEach(this::start));
    }
  }

  private void start(ClaimedItem claimed) {
    observer.attemptStarted();
    workers.execute(() -> {
      Attempt attempt = permits.await() ? timed(claimed) : new Attempt.Abandoned();
      if (attempt instanceof Attempt.Failed failed && failed.error().isRateLimited()) {
        failed.error().retryAfter().ifPresent(permits::holdOff);
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
    finished.submit(new Finished(claimed, new Attempt.Abandoned(), clock.instant(), () -> {}));
  }

  /** Interrupts what still runs. */
  @Override
  public void close() {
    workers.shutdownNow();
  }
}
