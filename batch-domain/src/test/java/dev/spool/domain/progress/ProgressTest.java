package dev.spool.domain.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.ItemCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  private static List<Instant> everySeconds(int count, double seconds) {
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      times.add(T0.plusNanos((long) (i * seconds * 1e9)));
    }
    return times;
  }

  @Test
  void counts_and_the_finished_share_come_from_the_item_counts() {
    Progress progress = Progress.of(new ItemCounts(20, 5, 1, 0, 2), List.of());

    assertThat(progress.completed()).isEqualTo(5);
    assertThat(progress.failed()).isEqualTo(1);
    assertThat(progress.pending()).isEqualTo(12);
    assertThat(progress.inProgress()).isEqualTo(2);
    assertThat(progress.progress()).isEqualTo(0.3);
  }

  @Test
  void the_eta_is_unknown_before_any_throughput_can_be_measured() {
    assertThat(Progress.of(new ItemCounts(20, 0, 0, 0, 2), List.of()).etaSeconds()).isEmpty();
    assertThat(Progress.of(new ItemCounts(20, 1, 0, 0, 2), List.of(T0)).etaSeconds()).isEmpty();
  }

  @Test
  void completions_at_the_same_instant_give_no_throughput() {
    assertThat(Throughput.perSecond(List.of(T0, T0, T0))).isEmpty();
  }

  @Test
  void the_eta_is_what_remains_divided_by_the_throughput() {
    Progress progress = Progress.of(new ItemCounts(20, 10, 0, 0, 2), everySeconds(10, 2.0));

    assertThat(progress.throughput().getAsDouble()).isCloseTo(0.5, within(1e-9));
    assertThat(progress.etaSeconds()).hasValue(20);
  }

  @Test
  void throughput_is_the_rolling_average_of_the_last_ten_completions_only() {
    List<Instant> times = new ArrayList<>(everySeconds(10, 10.0));
    Instant last = times.getLast();
    for (int i = 1; i <= 9; i++) {
      times.add(last.plusSeconds(i));
    }

    assertThat(Throughput.perSecond(times).getAsDouble()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void the_order_of_completion_times_does_not_matter() {
    List<Instant> times = new ArrayList<>(everySeconds(5, 1.0));
    List<Instant> shuffled =
        List.of(times.get(3), times.get(0), times.get(4), times.get(1), times.get(2));

    assertThat(Throughput.perSecond(shuffled)).isEqualTo(Throughput.perSecond(times));
  }

  @Test
  void nothing_remaining_means_an_eta_of_zero() {
    Progress done = Progress.of(new ItemCounts(4, 3, 1, 0, 0), List.of());

    assertThat(done.etaSeconds()).hasValue(0);
    assertThat(done.progress()).isEqualTo(1.0);
  }

  @Test
  void the_eta_rounds_up_to_whole_seconds() {
    Progress progress = Progress.of(new ItemCounts(10, 2, 0, 0, 1), everySeconds(2, 3.0));

    assertThat(progress.etaSeconds()).hasValue(24);
  }

  @Test
  void a_paused_batch_shows_its_throughput_but_no_eta_and_a_drained_one_shows_zero() {
    ItemCounts halfway = new ItemCounts(20, 10, 0, 0, 0);
    List<Instant> recent = everySeconds(10, 2.0);

    assertThat(Progress.of(BatchStatus.RUNNING, halfway, recent).etaSeconds()).isPresent();
    Progress paused = Progress.of(BatchStatus.PAUSED, halfway, recent);
    assertThat(paused.etaSeconds()).isEmpty();
    assertThat(paused.throughput()).isPresent();
    assertThat(
            Progress.of(BatchStatus.COMPLETED, new ItemCounts(4, 4, 0, 0, 0), List.of())
                .etaSeconds())
        .hasValue(0);
  }
}
