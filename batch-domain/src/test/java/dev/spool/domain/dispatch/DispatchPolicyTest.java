package dev.spool.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchStatus;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DispatchPolicyTest {

  @Test
  void free_slots_are_concurrency_minus_items_in_flight() {
    assertThat(DispatchPolicy.freeSlots(BatchStatus.RUNNING, 5, 0)).isEqualTo(5);
    assertThat(DispatchPolicy.freeSlots(BatchStatus.RUNNING, 5, 3)).isEqualTo(2);
    assertThat(DispatchPolicy.freeSlots(BatchStatus.RUNNING, 5, 5)).isZero();
    assertThat(DispatchPolicy.freeSlots(BatchStatus.RUNNING, 5, 7)).isZero();
  }

  @ParameterizedTest
  @EnumSource(value = BatchStatus.class, names = "RUNNING", mode = EnumSource.Mode.EXCLUDE)
  void a_batch_that_is_not_running_has_no_free_slots(BatchStatus status) {
    assertThat(DispatchPolicy.freeSlots(status, 5, 0)).isZero();
  }

  @Test
  void exceeding_the_concurrency_limit_is_an_error() {
    BatchId batch = new BatchId(UUID.randomUUID());
    DispatchPolicy.requireWithinLimit(batch, 5, 5);

    assertThatThrownBy(() -> DispatchPolicy.requireWithinLimit(batch, 5, 6))
        .isInstanceOf(ConcurrencyLimitError.class)
        .hasMessageContaining("6 items in flight; its limit is 5");
  }
}
