package dev.spool.application.dispatch;

import java.lang.System.Logger.Level;

/**
 * Logs a streak of failures of one background task the way an operator wants to read it during a
 * database outage: the first failure with its stack trace, later ones as one line naming the cause
 * (the 2nd, 4th, 8th and so on, so a long outage stays readable), and one line when the task works
 * again, saying how many failures there were.
 */
final class FailureStreak {
  private final System.Logger log;
  private final String task;
  private int failures;

  FailureStreak(System.Logger log, String task) {
    this.log = log;
    this.task = task;
  }

  /** Records a failure and returns how many there have been in a row. */
  synchronized int failed(RuntimeException error) {
    failures++;
    if (failures == 1) {
      log.log(Level.WARNING, task + " failed; will try again", error);
    } else if (Integer.bitCount(failures) == 1) {
      // the 2nd, 4th, 8th... failure: a long outage takes a few lines, not one per retry
      log.log(
          Level.WARNING, task + " failed again (" + failures + " in a row): " + rootMessage(error));
    }
    return failures;
  }

  synchronized void succeeded() {
    if (failures > 0) {
      log.log(
          Level.INFO,
          task + " works again after " + failures + (failures == 1 ? " failure" : " failures"));
      failures = 0;
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
