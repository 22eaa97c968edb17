package dev.spool.application.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;

class FailureStreakTest {

  /** A logger that keeps what it was given, level and message, in order. */
  private static final class Recorded extends AbstractLogger {
    final List<String> lines = new ArrayList<>();

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String msg, Object[] arguments, Throwable thrown) {
      lines.add(level + " " + msg + (thrown == null ? "" : " [trace]"));
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
      return true;
    }
  }

  @Test
  void a_long_outage_logs_the_first_failure_with_its_trace_then_only_at_powers_of_two() {
    Recorded log = new Recorded();
    FailureStreak streak = new FailureStreak(log, "claiming");
    RuntimeException away = new IllegalStateException("outer", new RuntimeException("refused"));

    for (int i = 0; i < 100; i++) {
      streak.failed(away);
    }
    streak.succeeded();

    assertThat(log.lines)
        .containsExactly(
            "WARN claiming failed; will try again [trace]",
            "WARN claiming failed again (2 in a row): RuntimeException: refused",
            "WARN claiming failed again (4 in a row): RuntimeException: refused",
            "WARN claiming failed again (8 in a row): RuntimeException: refused",
            "WARN claiming failed again (16 in a row): RuntimeException: refused",
            "WARN claiming failed again (32 in a row): RuntimeException: refused",
            "WARN claiming failed again (64 in a row): RuntimeException: refused",
            "INFO claiming works again after 100 failures");
  }

  @Test
  void a_streak_starts_over_after_a_success() {
    Recorded log = new Recorded();
    FailureStreak streak = new FailureStreak(log, "renewal");

    assertThat(streak.failed(new IllegalStateException("x"))).isEqualTo(1);
    streak.succeeded();
    assertThat(streak.failed(new IllegalStateException("y"))).isEqualTo(1);
    streak.succeeded();
    streak.succeeded();

    assertThat(log.lines)
        .containsExactly(
            "WARN renewal failed; will try again [trace]",
            "INFO renewal works again after 1 failure",
            "WARN renewal failed; will try again [trace]",
            "INFO renewal works again after 1 failure");
  }

  @Test
  void a_streak_of_an_unavailable_store_is_left_to_the_database_watch_at_debug_level() {
    Recorded log = new Recorded();
    FailureStreak streak = new FailureStreak(log, "claiming");
    RuntimeException away =
        new dev.spool.application.port.out.StoreUnavailable(
            "the database is unavailable", new RuntimeException("refused"));

    for (int i = 0; i < 4; i++) {
      streak.failed(away);
    }
    streak.succeeded();

    assertThat(log.lines)
        .containsExactly(
            "DEBUG claiming failed; will try again: RuntimeException: refused",
            "DEBUG claiming failed again (2 in a row): RuntimeException: refused",
            "DEBUG claiming failed again (4 in a row): RuntimeException: refused",
            "DEBUG claiming works again after 4 failures");
  }

  @Test
  void a_streak_with_any_other_failure_in_it_says_at_info_that_it_recovered() {
    Recorded log = new Recorded();
    FailureStreak streak = new FailureStreak(log, "claiming");

    streak.failed(new dev.spool.application.port.out.StoreUnavailable("away", null));
    streak.failed(new IllegalStateException("a bug"));
    streak.succeeded();

    assertThat(log.lines)
        .containsExactly(
            "DEBUG claiming failed; will try again: StoreUnavailable: away",
            "WARN claiming failed again (2 in a row): IllegalStateException: a bug",
            "INFO claiming works again after 2 failures");
  }
}
