package dev.spool.bootstrap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.domain.money.Money;
import dev.spool.domain.money.Price;
import dev.spool.domain.money.PriceTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The price table: the defaults shipped in {@code spool/prices.json}, with the entries of the file
 * {@code SPOOL_PRICES_FILE} names added or replacing them.
 */
public final class PriceConfig {
  static final String VARIABLE = "SPOOL_PRICES_FILE";
  private static final Set<String> FIELDS =
      Set.of(
          "provider",
          "model",
          "inputPerMillionUsd",
          "cachedInputPerMillionUsd",
          "outputPerMillionUsd");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private PriceConfig() {}

  /** The shipped defaults. */
  public static PriceTable defaults() {
    try (InputStream in = PriceConfig.class.getResourceAsStream("/spool/prices.json")) {
      if (in == null) {
        throw new IllegalStateException("spool/prices.json is missing from the jar");
      }
      return parse(JSON.readTree(in), "spool/prices.json");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the shipped price table", e);
    }
  }

  /**
   * @throws ConfigurationError if the file cannot be read or an entry is not a price
   */
  static PriceTable fromEnvironment(Env env) {
    PriceTable table = defaults();
    var file = env.text(VARIABLE);
    if (file.isEmpty()) {
      return table;
    }
    Path path = Path.of(file.get());
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(path));
    } catch (IOException e) {
      throw new ConfigurationError(VARIABLE, "cannot read " + path + ": " + e.getMessage());
    }
    try {
      return table.with(parse(root, path.toString()));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationError(VARIABLE, e.getMessage());
    }
  }

  static PriceTable parse(JsonNode root, String source) {
    JsonNode prices = root == null ? null : root.get("prices");
    if (prices == null || !prices.isArray()) {
      throw new IllegalArgumentException(source + " must be an object with a \"prices\" array");
    }
    Map<PriceTable.Model, Price> entries = new LinkedHashMap<>();
    int index = 0;
    for (JsonNode entry : prices) {
      String where = source + " prices[" + index++ + "]";
      if (!entry.isObject()) {
        throw new IllegalArgumentException(where + " must be an object");
      }
      entry
          .fieldNames()
          .forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
              throw new IllegalArgumentException(where + " has an unknown field '" + name + "'");
            }
          });
      PriceTable.Model model =
          new PriceTable.Model(text(entry, "provider", where), text(entry, "model", where));
      Price price =
          new Price(
              usd(entry, "inputPerMillionUsd", where),
              usd(entry, "cachedInputPerMillionUsd", where),
              usd(entry, "outputPerMillionUsd", where));
      if (entries.put(model, price) != null) {
        throw new IllegalArgumentException(where + " lists " + model + " a second time");
      }
    }
    return PriceTable.of(entries);
  }

  private static String text(JsonNode entry, String field, String where) {
    JsonNode value = entry.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException(where + "." + field + " must be a non-empty string");
    }
    return value.asText();
  }

  private static Money usd(JsonNode entry, String field, String where) {
    JsonNode value = entry.get(field);
    if (value == null || !value.isNumber()) {
      throw new IllegalArgumentException(where + "." + field + " must be a number of dollars");
    }
    try {
      return Money.usd(value.decimalValue());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + "." + field + ": " + e.getMessage());
    }
  }
}
