package dev.spool.domain.money;

import dev.spool.domain.question.TokenUsage;
import java.math.BigInteger;
import java.util.Objects;

/**
 * What a model costs, in dollars per million tokens, as providers publish it.
 *
 * @param cachedInput the price of prompt tokens the provider served from its cache, usually a
 *     fraction of {@code input}
 */
public record Price(Money input, Money cachedInput, Money output) {
  private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);

  public Price {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(cachedInput, "cachedInput");
    Objects.requireNonNull(output, "output");
    if (input.nanos() < 0 || cachedInput.nanos() < 0 || output.nanos() < 0) {
      throw new IllegalArgumentException("a price cannot be negative");
    }
  }

  /**
   * What {@code usage} costs at this price, rounded up to the next nano-dollar: a budget is never
   * charged less than the provider bills.
   */
  public Money cost(TokenUsage usage) {
    long cached = Math.min(usage.cachedPromptTokens(), usage.promptTokens());
    BigInteger perMillion =
        BigInteger.valueOf(usage.promptTokens() - cached)
            .multiply(BigInteger.valueOf(input.nanos()))
            .add(BigInteger.valueOf(cached).multiply(BigInteger.valueOf(cachedInput.nanos())))
            .add(
                BigInteger.valueOf(usage.completionTokens())
                    .multiply(BigInteger.valueOf(output.nanos())));
    BigInteger[] split = perMillion.divideAndRemainder(MILLION);
    BigInteger nanos = split[1].signum() > 0 ? split[0].add(BigInteger.ONE) : split[0];
    return new Money(nanos.longValueExact());
  }
}
