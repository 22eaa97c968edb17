package dev.spool.domain.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ItemCountsTest {

  @Test
  void pending_is_what_is_neither_finished_nor_in_flight() {
    assertThat(new ItemCounts(20, 5, 1, 0, 2).pending()).isEqualTo(12);
  }

  @Test
  void settling_moves_one_item_out_of_flight() {
    ItemCounts flying = ItemCounts.allPending(3).plus(ItemMove.CLAIM.perItem().times(2));

    assertThat(flying.plus(settled(ItemStatus.COMPLETED))).isEqualTo(new ItemCounts(3, 1, 0, 0, 1));
    assertThat(flying.plus(settled(ItemStatus.FAILED))).isEqualTo(new ItemCounts(3, 0, 1, 0, 1));
    assertThat(flying.plus(settled(ItemStatus.PENDING)).pending()).isEqualTo(2);
  }

  private static ItemCounts.Change settled(ItemStatus to) {
    return ItemCounts.Change.of(ItemStatus.IN_PROGRESS, to);
  }

  @Test
  void counts_that_exceed_the_total_are_refused() {
    assertThatThrownBy(() -> new ItemCounts(2, 2, 1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ItemCounts(2, -1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_batch_is_drained_when_nothing_is_pending_or_in_flight() {
    assertThat(new ItemCounts(3, 2, 1, 0, 0).isDrained()).isTrue();
    assertThat(new ItemCounts(3, 2, 0, 0, 1).isDrained()).isFalse();
    assertThat(new ItemCounts(3, 2, 0, 0, 0).isDrained()).isFalse();
  }
}
