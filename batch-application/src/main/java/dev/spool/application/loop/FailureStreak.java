package dev.spool.application.loop;

import dev.spool.application.port.out.StoreUnavailable;
import org.slf4j.Logger;

/**
 * Logs a streak of failures of one background task the way an operator wants to read it: the first
 * failure with its stack trace, later ones as one line naming the cause (the 2nd, 4th, 8th and so
 * on, so a long outage stays readable), and one line when the task works again, saying how many
 * failures there were. A streak made only of {@link StoreUnavailable} is logged at debug level:
 * whoever watches the database says once that it is away and once that it is back, and five loops
 * saying it again would bury that.
 */
public final class FailureStreak {
  private final Logger log;
  private final String task;
  private int failures;
  private boolean onlyUnavailable = true;

  public FailureStreak(Logger log, String task) {
    this.log = log;
    this.task = task;
  }

  /** Records a failure and returns how many there have been in a row. */
  public synchronized int failed(RuntimeException error) {
    failures++;
    boolean unavailable = StoreUnavailable.isCauseOf(error);
    onlyUnavailable &= unavailable;
    boolean quiet = unavailable;
    if (failures == 1) {
      if (unavailable) {
        log(quiet, task + " failed; will try again: " + rootMessage(error), null);
      } else {
        log(quiet, task + " failed; will try again", error);
      }
    } else if (Integer.bitCount(failures) == 1) {
      // the 2nd, 4th, 8th... failure: a long outage takes a few lines, not one per retry
      log(quiet, task + " failed again (" + failures + " in a row): " + rootMessage(error), null);
    }
    return failures;
  }

  public synchronized void succeeded() {
    if (failures > 0) {
      String line =
          task + " works again after " + failures + (failures == 1 ? " failure" : " failures");
      if (onlyUnavailable) {
        log.debug(line);
      } else {
        log.info(line);
      }
      failures = 0;
      onlyUnavailable = true;
    }
  }

  public synchronized int failures() {
    return failures;
  }

  /** A warning, or a debug line when the streak is only the database being away. */
  private void log(boolean quiet, String line, Throwable error) {
    if (quiet) {
      log.debug(line, error);
    } else {
      log.warn(line, error);
    }
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
