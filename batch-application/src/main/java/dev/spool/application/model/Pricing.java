package dev.spool.application.model;

import dev.spool.domain.money.Money;
import dev.spool.domain.money.Price;
import dev.spool.domain.money.PriceTable;
import dev.spool.domain.question.GeneratedQuestion;
import dev.spool.domain.question.TokenUsage;
import java.util.Objects;
import java.util.Optional;

/**
 * What calls cost: the price table, the model this node calls, and what a batch's first call is
 * expected to use before any of its calls has reported its tokens.
 *
 * @param model the provider and model this node's generator calls, if known
 * @param firstCallTokens what a batch's first call is expected to use; later calls are expected to
 *     cost the mean of those before them
 */
public record Pricing(
    PriceTable table, Optional<PriceTable.Model> model, TokenUsage firstCallTokens) {
  /** The tokens a first call is expected to use by default: a prompt and a question with room. */
  public static final TokenUsage FIRST_CALL_TOKENS = new TokenUsage(1_000, 1_000);

  /** No prices: nothing costs anything, and budgets never bind. */
  public static final Pricing NONE =
      new Pricing(PriceTable.EMPTY, Optional.empty(), FIRST_CALL_TOKENS);

  public Pricing {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(firstCallTokens, "firstCallTokens");
  }

  /** The price of the model this node calls, if the table has it. */
  public Optional<Price> price() {
    return model.flatMap(m -> table.price(m.provider(), m.model()));
  }

  /** What a batch's first call is expected to cost; zero without a known price. */
  public Money firstEstimate() {
    return price().map(p -> p.cost(firstCallTokens)).orElse(Money.ZERO);
  }

  /**
   * What {@code items} calls are expected to cost, at a first call's estimate; empty without a
   * price.
   */
  public Optional<Money> projected(int items) {
    return price().map(p -> p.cost(firstCallTokens).times(items));
  }

  /** What generating {@code question} cost, at its own model's price; zero if that is unknown. */
  public Money cost(GeneratedQuestion question) {
    return table
        .price(question.provider(), question.model())
        .map(p -> p.cost(question.usage()))
        .orElse(Money.ZERO);
  }
}
