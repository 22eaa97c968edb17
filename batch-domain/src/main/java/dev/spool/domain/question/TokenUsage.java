package dev.spool.domain.question;

/**
 * Prompt and completion tokens, as a provider reports them.
 *
 * @param cachedPromptTokens the prompt tokens the provider served from its prompt cache, a part of
 *     {@code promptTokens} that is billed at the cached-input price
 */
public record TokenUsage(long promptTokens, long completionTokens, long cachedPromptTokens) {
  public static final TokenUsage NONE = new TokenUsage(0, 0);

  public TokenUsage {
    if (promptTokens < 0 || completionTokens < 0 || cachedPromptTokens < 0) {
      throw new IllegalArgumentException("token counts cannot be negative");
    }
    if (cachedPromptTokens > promptTokens) {
      throw new IllegalArgumentException("cached prompt tokens are a part of the prompt tokens");
    }
  }

  /** Usage with no cached prompt tokens. */
  public TokenUsage(long promptTokens, long completionTokens) {
    this(promptTokens, completionTokens, 0);
  }

  public long total() {
    return promptTokens + completionTokens;
  }

  public TokenUsage plus(TokenUsage other) {
    return new TokenUsage(
        promptTokens + other.promptTokens,
        completionTokens + other.completionTokens,
        cachedPromptTokens + other.cachedPromptTokens);
  }
}
