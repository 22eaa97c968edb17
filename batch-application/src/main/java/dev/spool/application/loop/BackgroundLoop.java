package dev.spool.application.loop;

import dev.spool.domain.dispatch.Backoff;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * A thread that runs one task in turns, with the one failure policy every background loop of Spool
 * shares: a turn that fails is tried again after the domain's {@link Backoff} ({@link
 * #FAILURE_BACKOFF}: 100 ms, doubling, at most 5 s), and the streak is logged by a {@link
 * FailureStreak}: the first failure, and one line when the task works again.
 *
 * <p>Each turn says how long to wait before the next; {@link #wake()} cuts a wait short.
 */
public final class BackgroundLoop {
  /** How long a loop waits after its n-th failure in a row. */
  public static final Backoff FAILURE_BACKOFF =
      new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

  /** One turn of a loop. */
  @FunctionalInterface
  public interface Turn {
    /**
     * Does one round of the work, and returns how long to wait before the next one ({@link
     * Duration#ZERO} for at once). A failure is retried after the backoff; an interrupt stops the
     * loop.
     */
    Duration run() throws Exception;
  }

  private final String name;
  private final Turn turn;
  private final FailureStreak failures;
  private final Semaphore signal = new Semaphore(0);
  private volatile boolean running;
  private Thread thread;

  /**
   * @param name the thread's name
   * @param task what the loop does, as its log lines name it
   */
  public BackgroundLoop(String name, Logger log, String task, Turn turn) {
    this.name = Objects.requireNonNull(name, "name");
    this.turn = Objects.requireNonNull(turn, "turn");
    this.failures = new FailureStreak(log, task);
  }

  public synchronized BackgroundLoop start() {
    if (thread == null) {
      running = true;
      thread = Thread.ofPlatform().daemon(true).name(name).start(this::loop);
    }
    return this;
  }

  /** Ends the current wait: there is work now. */
  public void wake() {
    signal.release();
  }

  /** Whether the loop's last turn failed. */
  public boolean failing() {
    return failures.failures() > 0;
  }

  /** Whether the loop has been started and not asked to stop. */
  public boolean running() {
    return running;
  }

  /**
   * Asks the loop to stop after its current turn and waits up to {@code timeout} for it.
   *
   * @return whether it stopped in time
   */
  public boolean stop(Duration timeout) throws InterruptedException {
    running = false;
    signal.release();
    Thread current;
    synchronized (this) {
      current = thread;
    }
    if (current == null) {
      return true;
    }
    current.join(timeout);
    return !current.isAlive();
  }

  private void loop() {
    while (running) {
      Duration wait;
      try {
        wait = turn.run();
        failures.succeeded();
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        wait = FAILURE_BACKOFF.ceiling(failures.failed(asRuntime(e)));
      }
      if (!pause(wait)) {
        return;
      }
    }
  }

  /** Waits for {@code wait} or a wake-up; false if interrupted. */
  private boolean pause(Duration wait) {
    if (wait.isZero() || wait.isNegative() || !running) {
      return true;
    }
    try {
      if (signal.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        signal.drainPermits();
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static RuntimeException asRuntime(Exception e) {
    return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
  }
}
