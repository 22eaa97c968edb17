package dev.spool.domain.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of US dollars, exact to a billionth (a nano-dollar): a call of a few hundred tokens at
 * the cheapest prices costs a few millionths of a dollar, and summing a million of them must not
 * drift. Amounts may be negative only as differences, such as a budget's headroom once overspent.
 */
public record Money(long nanos) implements Comparable<Money> {
  public static final Money ZERO = new Money(0);

  /** The largest budget or price accepted: a billion dollars. */
  public static final Money MAX = new Money(1_000_000_000L * 1_000_000_000L);

  private static final int SCALE = 9;

  /**
   * Dollars as written, such as {@code 0.50}: at most 9 decimal places, at most {@link #MAX}.
   *
   * @throws IllegalArgumentException if it has more places, or is negative or too large
   */
  public static Money usd(BigDecimal dollars) {
    if (dollars.signum() < 0) {
      throw new IllegalArgumentException("an amount of money cannot be negative");
    }
    if (dollars.stripTrailingZeros().scale() > SCALE) {
      throw new IllegalArgumentException("an amount has at most 9 decimal places");
    }
    BigDecimal nanos = dollars.movePointRight(SCALE);
    if (nanos.compareTo(BigDecimal.valueOf(MAX.nanos)) > 0) {
      throw new IllegalArgumentException("an amount is at most one billion dollars");
    }
    return new Money(nanos.longValueExact());
  }

  /** {@link #usd(BigDecimal)} of a decimal string such as {@code "0.50"}. */
  public static Money usd(String dollars) {
    try {
      return usd(new BigDecimal(dollars.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an amount of dollars: " + dollars);
    }
  }

  /** The amount in dollars, exact, without trailing zeros (at least one decimal place). */
  public BigDecimal toUsd() {
    BigDecimal usd = BigDecimal.valueOf(nanos, SCALE).stripTrailingZeros();
    return usd.scale() < 1 ? usd.setScale(1, RoundingMode.UNNECESSARY) : usd;
  }

  public Money plus(Money other) {
    return new Money(Math.addExact(nanos, other.nanos));
  }

  public Money minus(Money other) {
    return new Money(Math.subtractExact(nanos, other.nanos));
  }

  public Money times(long factor) {
    return new Money(Math.multiplyExact(nanos, factor));
  }

  public boolean isPositive() {
    return nanos > 0;
  }

  /** How many whole {@code each} fit in this amount: 0 if this is not positive. */
  public long fits(Money each) {
    if (nanos <= 0) {
      return 0;
    }
    return each.nanos <= 0 ? Long.MAX_VALUE : nanos / each.nanos;
  }

  @Override
  public int compareTo(Money other) {
    return Long.compare(nanos, other.nanos);
  }

  @Override
  public String toString() {
    return "$" + toUsd().toPlainString();
  }
}
