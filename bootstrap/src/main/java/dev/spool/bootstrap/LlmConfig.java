package dev.spool.bootstrap;

import dev.spool.adapter.llm.provider.LlmSettings;
import dev.spool.adapter.llm.provider.LlmSettings.Output;
import dev.spool.adapter.llm.provider.LlmSettings.Provider;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The LLM provider from the {@code SPOOL_LLM_*} variables; empty means the simulator. */
final class LlmConfig {
  static final String SIMULATED = "simulated";
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)?");
  private static final Duration SHORTEST = Duration.ofMillis(100);
  private static final Duration LONGEST = Duration.ofHours(1);

  private LlmConfig() {}

  /**
   * Every {@code SPOOL_LLM_*} value is checked, also those the simulator does not read: a typo in a
   * variable meant for later is reported now, not on the day the provider is switched on.
   */
  static Optional<LlmSettings> fromEnvironment(Env env) {
    String name = env.text("SPOOL_LLM_PROVIDER").orElse(SIMULATED).toLowerCase(Locale.ROOT);
    Optional<URI> baseUrl = env.text("SPOOL_LLM_BASE_URL").map(LlmConfig::baseUrl);
    Duration timeout =
        env.text("SPOOL_LLM_TIMEOUT").map(LlmConfig::timeout).orElse(LlmSettings.DEFAULT_TIMEOUT);
    int maxOutputTokens =
        (int)
            env.whole(
                "SPOOL_LLM_MAX_OUTPUT_TOKENS", 1, 200_000, LlmSettings.DEFAULT_MAX_OUTPUT_TOKENS);
    Output output = env.text("SPOOL_LLM_OUTPUT").map(LlmConfig::output).orElse(Output.JSON_SCHEMA);
    if (name.equals(SIMULATED)) {
      return Optional.empty();
    }
    Provider provider =
        Arrays.stream(Provider.values())
            .filter(p -> p.wireName().equals(name))
            .findFirst()
            .orElseThrow(() ->
                new ConfigurationError(
                    "SPOOL_LLM_PROVIDER",
                    "'" + name + "' is not supported; use simulated, openai or anthropic"));
    String model =
        env.text("SPOOL_LLM_MODEL")
            .orElseThrow(() ->
                new ConfigurationError(
                    "SPOOL_LLM_MODEL", "is required when SPOOL_LLM_PROVIDER=" + name));
    Optional<String> apiKey = env.text("SPOOL_LLM_API_KEY");
    boolean keyNeeded = provider == Provider.ANTHROPIC || baseUrl.isEmpty();
    if (apiKey.isEmpty() && keyNeeded) {
      throw new ConfigurationError(
          "SPOOL_LLM_API_KEY",
          "is required when SPOOL_LLM_PROVIDER="
              + name
              + (provider == Provider.OPENAI
                  ? " talks to api.openai.com (a local server set by SPOOL_LLM_BASE_URL needs none)"
                  : ""));
    }
    return Optional.of(
        new LlmSettings(provider, apiKey, model, baseUrl, timeout, maxOutputTokens, output));
  }

  private static Output output(String value) {
    return Arrays.stream(Output.values())
        .filter(o -> o.wireName().equalsIgnoreCase(value))
        .findFirst()
        .orElseThrow(() ->
            new ConfigurationError(
                "SPOOL_LLM_OUTPUT", "must be json_schema or json, was '" + value + "'"));
  }

  private static URI baseUrl(String value) {
    try {
      URI uri = new URI(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new ConfigurationError(
        "SPOOL_LLM_BASE_URL", "must be an http or https URL, such as http://localhost:11434/v1");
  }

  /** Seconds ({@code 90}), or with a unit: {@code 1500ms}, {@code 90s}, {@code 2m}. */
  private static Duration timeout(String value) {
    Matcher m = DURATION.matcher(value.trim());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d =
          switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
          };
      if (d.compareTo(SHORTEST) >= 0 && d.compareTo(LONGEST) <= 0) {
        return d;
      }
    }
    throw new ConfigurationError(
        "SPOOL_LLM_TIMEOUT",
        "must be a duration from 100ms to 60m, such as 90 (seconds), 90s, 1500ms or 2m; was '"
            + value
            + "'");
  }
}
