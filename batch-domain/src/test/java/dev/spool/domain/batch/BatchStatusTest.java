package dev.spool.domain.batch;

import static dev.spool.domain.batch.BatchStatus.CANCELLED;
import static dev.spool.domain.batch.BatchStatus.COMPLETED;
import static dev.spool.domain.batch.BatchStatus.COMPLETED_WITH_ERRORS;
import static dev.spool.domain.batch.BatchStatus.FAILED;
import static dev.spool.domain.batch.BatchStatus.PAUSED;
import static dev.spool.domain.batch.BatchStatus.PENDING;
import static dev.spool.domain.batch.BatchStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BatchStatusTest {

  /** The table, written out independently of the enum. */
  private static final Map<BatchStatus, Set<BatchStatus>> ALLOWED =
      Map.of(
          PENDING, Set.of(RUNNING, CANCELLED),
          RUNNING, Set.of(PAUSED, CANCELLED, COMPLETED, COMPLETED_WITH_ERRORS, FAILED),
          PAUSED, Set.of(RUNNING, CANCELLED),
          COMPLETED_WITH_ERRORS, Set.of(RUNNING),
          FAILED, Set.of(RUNNING),
          COMPLETED, Set.of(),
          CANCELLED, Set.of());

  static Stream<Arguments> everyPair() {
    List<Arguments> pairs = new ArrayList<>();
    for (BatchStatus from : BatchStatus.values()) {
      for (BatchStatus to : BatchStatus.values()) {
        pairs.add(Arguments.of(from, to));
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("everyPair")
  void a_move_is_allowed_exactly_when_the_table_lists_it(BatchStatus from, BatchStatus to) {
    boolean listed = ALLOWED.get(from).contains(to);

    assertThat(from.canMoveTo(to)).isEqualTo(listed);
    if (listed) {
      assertThat(from.moveTo(to)).isEqualTo(to);
    } else {
      assertThatThrownBy(() -> from.moveTo(to))
          .isInstanceOfSatisfying(
              InvalidStateTransition.class,
              e -> {
                assertThat(e.code()).isEqualTo("INVALID_STATE_TRANSITION");
                assertThat(e.from()).isEqualTo(from);
                assertThat(e.to()).isEqualTo(to.wireName());
                assertThat(e.getMessage()).contains(from.wireName()).contains(to.wireName());
              });
    }
  }

  @Test
  void finished_statuses_are_the_four_terminal_ones() {
    assertThat(Stream.of(BatchStatus.values()).filter(BatchStatus::isFinished))
        .containsExactlyInAnyOrder(COMPLETED, COMPLETED_WITH_ERRORS, FAILED, CANCELLED);
  }

  @Test
  void wire_names_are_snake_case_and_round_trip() {
    assertThat(COMPLETED_WITH_ERRORS.wireName()).isEqualTo("completed_with_errors");
    for (BatchStatus status : BatchStatus.values()) {
      assertThat(BatchStatus.fromWireName(status.wireName())).contains(status);
    }
    assertThat(BatchStatus.fromWireName("RUNNING")).isEmpty();
  }
}
