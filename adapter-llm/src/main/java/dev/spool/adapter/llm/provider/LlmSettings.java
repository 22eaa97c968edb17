package dev.spool.adapter.llm.provider;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a real LLM provider.
 *
 * @param provider which protocol to speak
 * @param apiKey the credential; never logged, and left out of {@link #toString()}
 * @param model the model name, such as {@code gpt-4o-mini}
 * @param baseUrl another endpoint speaking the same protocol (vLLM, Ollama, a gateway), or the
 *     provider's own when empty
 * @param timeout the most one call may take
 * @param maxOutputTokens the most tokens one answer may use
 * @param output how the answer's shape is asked for: a JSON schema, or plain JSON mode for an
 *     OpenAI-compatible server without schema support (the answer is read just as strictly)
 */
public record LlmSettings(
    Provider provider,
    Optional<String> apiKey,
    String model,
    Optional<URI> baseUrl,
    Duration timeout,
    int maxOutputTokens,
    Output output) {

  /** How the structured answer is asked for. */
  public enum Output {
    JSON_SCHEMA("json_schema"),
    JSON("json");

    private final String wireName;

    Output(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  /** The protocols Spool speaks. */
  public enum Provider {
    OPENAI("openai"),
    ANTHROPIC("anthropic");

    private final String wireName;

    Provider(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_OUTPUT_TOKENS = 1_024;

  public LlmSettings {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(output, "output");
    if (model.isBlank()) {
      throw new IllegalArgumentException("a model name is required");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the timeout must be positive");
    }
    if (maxOutputTokens < 1) {
      throw new IllegalArgumentException("max output tokens must be at least 1");
    }
  }

  @Override
  public String toString() {
    return "LlmSettings[provider="
        + provider.wireName()
        + ", apiKey="
        + (apiKey.isPresent() ? "(set)" : "(none)")
        + ", model="
        + model
        + ", baseUrl="
        + baseUrl.map(URI::toString).orElse("(default)")
        + ", timeout="
        + timeout
        + ", maxOutputTokens="
        + maxOutputTokens
        + ", output="
        + output.wireName()
        + "]";
  }
}
