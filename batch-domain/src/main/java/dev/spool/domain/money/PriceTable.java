package dev.spool.domain.money;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The prices of the models Spool may call, by provider and model. A model missing here has no known
 * price: its calls are counted in tokens only, and a budget cannot be enforced on them.
 */
public final class PriceTable {
  /** One provider's model. Names compare without case, as providers treat them. */
  public record Model(String provider, String model) {
    public Model {
      provider = Objects.requireNonNull(provider, "provider").trim().toLowerCase(Locale.ROOT);
      model = Objects.requireNonNull(model, "model").trim().toLowerCase(Locale.ROOT);
      if (provider.isEmpty() || model.isEmpty()) {
        throw new IllegalArgumentException("a model has a provider and a name");
      }
    }
  }

  public static final PriceTable EMPTY = new PriceTable(Map.of());

  private final Map<Model, Price> prices;

  private PriceTable(Map<Model, Price> prices) {
    this.prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
  }

  public static PriceTable of(Map<Model, Price> prices) {
    return new PriceTable(prices);
  }

  /**
   * The price of {@code model}, or of the longest entry of the same provider that it is a dated
   * snapshot of: providers answer with names such as {@code gpt-4o-mini-2024-07-18} for a call to
   * {@code gpt-4o-mini}.
   */
  public Optional<Price> price(String provider, String model) {
    if (provider == null || model == null || provider.isBlank() || model.isBlank()) {
      return Optional.empty();
    }
    Model wanted = new Model(provider, model);
    Price exact = prices.get(wanted);
    if (exact != null) {
      return Optional.of(exact);
    }
    Model best = null;
    for (Model entry : prices.keySet()) {
      if (entry.provider().equals(wanted.provider())
          && wanted.model().startsWith(entry.model() + "-")
          && (best == null || entry.model().length() > best.model().length())) {
        best = entry;
      }
    }
    return Optional.ofNullable(best).map(prices::get);
  }

  /** Every entry, in the order the table was written. */
  public Map<Model, Price> entries() {
    return prices;
  }

  /** This table with {@code others}' entries added, replacing any of the same model. */
  public PriceTable with(PriceTable others) {
    Map<Model, Price> merged = new LinkedHashMap<>(prices);
    merged.putAll(others.prices);
    return new PriceTable(merged);
  }
}
