package dev.spool.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.domain.batch.BatchId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DispatchPolicyTest {

  @Test
  void exceeding_the_concurrency_limit_is_an_error() {
    BatchId batch = new BatchId(UUID.randomUUID());
    DispatchPolicy.requireWithinLimit(batch, 5, 5);

    assertThatThrownBy(() -> DispatchPolicy.requireWithinLimit(batch, 5, 6))
        .isInstanceOf(ConcurrencyLimitError.class)
        .hasMessageContaining("6 items in flight; its limit is 5");
  }
}
