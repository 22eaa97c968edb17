package dev.spool.application.dispatch;

import dev.spool.application.port.out.StoreUnavailable;
import java.lang.System.Logger.Level;

/**
 * Logs a streak of failures of one background task the way an operator wants to read it: the first
 * failure with its stack trace, later ones as one line naming the cause (the 2nd, 4th, 8th and so
 * on, so a long outage stays readable), and one line when the task works again, saying how many
 * failures there were. A streak made only of {@link StoreUnavailable} is logged at debug level:
 * whoever watches the database says once that it is away and once that it is back, and five loops
 * saying it again would bury that.
 */
final class FailureStreak {
  private final System.Logger log;
  private final String task;
  private int failures;
  private boolean onlyUnavailable = true;

  FailureStreak(System.Logger log, String task) {
    this.log = log;
    this.task = task;
  }

  /** Records a failure and returns how many there have been in a row. */
  synchronized int failed(RuntimeException error) {
    failures++;
    boolean unavailable = StoreUnavailable.isCauseOf(error);
    onlyUnavailable &= unavailable;
    Level level = unavailable ? Level.DEBUG : Level.WARNING;
    if (failures == 1) {
      if (unavailable) {
        log.log(level, task + " failed; will try again: " + rootMessage(error));
      } else {
        log.log(level, task + " failed; will try again", error);
      }
    } else if (Integer.bitCount(failures) == 1) {
      // the 2nd, 4th, 8th... failure: a long outage takes a few lines, not one per retry
      log.log(level, task + " failed again (" + failures + " in a row): " + rootMessage(error));
    }
    return failures;
  }

  synchronized void succeeded() {
    if (failures > 0) {
      log.log(
          onlyUnavailable ? Level.DEBUG : Level.INFO,
          task + " works again after " + failures + (failures == 1 ? " failure" : " failures"));
      failures = 0;
      onlyUnavailable = true;
    }
  }

  synchronized int failures() {
    return failures;
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
