package dev.spool.domain.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.domain.question.TokenUsage;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MoneyTest {
  private static final Price MINI =
      new Price(Money.usd("0.15"), Money.usd("0.075"), Money.usd("0.60"));

  @Test
  void dollars_are_read_exactly_to_a_billionth_and_written_without_trailing_zeros() {
    assertThat(Money.usd("0.50").nanos()).isEqualTo(500_000_000L);
    assertThat(Money.usd("0.000000001").nanos()).isEqualTo(1);
    assertThat(Money.usd("12.5").toUsd()).isEqualByComparingTo("12.5");
    assertThat(Money.usd("3").toUsd().toPlainString()).isEqualTo("3.0");
    assertThat(Money.usd("0.000075").toUsd().toPlainString()).isEqualTo("0.000075");
  }

  @Test
  void amounts_that_are_negative_too_precise_too_large_or_not_numbers_are_refused() {
    assertThatThrownBy(() -> Money.usd("-1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Money.usd("0.0000000001"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Money.usd(new BigDecimal("1e10")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Money.usd("ten")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_call_costs_its_uncached_cached_and_output_tokens_at_their_prices() {
    // 1,000 prompt tokens of which 400 cached, 500 completion tokens:
    // 600 * 0.15 + 400 * 0.075 + 500 * 0.60 per million = 0.00042 dollars
    Money cost = MINI.cost(new TokenUsage(1_000, 500, 400));
    assertThat(cost.toUsd()).isEqualByComparingTo("0.00042");
  }

  @Test
  void a_cost_is_rounded_up_to_the_next_billionth_so_a_budget_is_never_charged_less() {
    // 1 prompt token at $0.15 per million is 150 nano-dollars exactly; at a nano-dollar per
    // million it is a millionth of one, which is charged as one
    assertThat(MINI.cost(new TokenUsage(1, 0)).nanos()).isEqualTo(150);
    Price tiny = new Price(new Money(1), Money.ZERO, Money.ZERO);
    assertThat(tiny.cost(new TokenUsage(1, 0)).nanos()).isEqualTo(1);
    assertThat(MINI.cost(TokenUsage.NONE)).isEqualTo(Money.ZERO);
  }

  @Test
  void a_budget_affords_an_attempt_only_while_its_estimate_fits_beside_spend_and_reservations() {
    BatchSpend spend =
        new BatchSpend(Optional.of(Money.usd("1.00")), Money.usd("0.70"), Money.usd("0.20"));
    assertThat(spend.headroom()).contains(Money.usd("0.10"));
    assertThat(spend.affords(Money.usd("0.10"))).isTrue();
    assertThat(spend.affords(Money.usd("0.100000001"))).isFalse();
    assertThat(BatchSpend.NONE.affords(Money.MAX)).isTrue();
  }

  @Test
  void settling_releases_the_reservation_and_adds_the_real_cost() {
    BatchSpend spend =
        new BatchSpend(Optional.of(Money.usd("1.00")), Money.ZERO, Money.usd("0.03"));
    BatchSpend after = spend.settled(Money.usd("0.01"), Money.usd("0.012"));
    assertThat(after.spent()).isEqualTo(Money.usd("0.012"));
    assertThat(after.reserved()).isEqualTo(Money.usd("0.02"));
  }

  @Test
  void projected_cost_is_spend_per_completed_item_times_all_items() {
    BatchSpend spend = new BatchSpend(Optional.empty(), Money.usd("0.30"), Money.ZERO);
    assertThat(spend.projected(10, 200)).contains(Money.usd("6.00"));
    assertThat(spend.projected(0, 200)).isEmpty();
  }

  @Test
  void a_price_table_finds_a_model_whatever_the_case_of_its_name() {
    PriceTable table =
        PriceTable.of(java.util.Map.of(new PriceTable.Model("OpenAI", "GPT-4o-mini"), MINI));
    assertThat(table.price("openai", "gpt-4o-mini")).contains(MINI);
    assertThat(table.price("openai", "gpt-5")).isEmpty();
    assertThat(table.price(null, "gpt-4o-mini")).isEmpty();
  }

  @Test
  void a_dated_snapshot_of_a_model_has_the_price_of_the_longest_entry_it_extends() {
    Price mini = MINI;
    Price full = new Price(Money.usd("2.5"), Money.usd("1.25"), Money.usd("10"));
    PriceTable table =
        PriceTable.of(
            java.util.Map.of(
                new PriceTable.Model("openai", "gpt-4o"), full,
                new PriceTable.Model("openai", "gpt-4o-mini"), mini));
    assertThat(table.price("openai", "gpt-4o-mini-2024-07-18")).contains(mini);
    assertThat(table.price("openai", "gpt-4o-2024-08-06")).contains(full);
    assertThat(table.price("openai", "gpt-4omni")).isEmpty();
    assertThat(table.price("anthropic", "gpt-4o-2024-08-06")).isEmpty();
  }
}
