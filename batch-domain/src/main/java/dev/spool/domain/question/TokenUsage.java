package dev.spool.domain.question;

/** Prompt and completion tokens, as a provider reports them. */
public record TokenUsage(long promptTokens, long completionTokens) {
  public static final TokenUsage NONE = new TokenUsage(0, 0);

  public TokenUsage {
    if (promptTokens < 0 || completionTokens < 0) {
      throw new IllegalArgumentException("token counts cannot be negative");
    }
  }

  public long total() {
    return promptTokens + completionTokens;
  }

  public TokenUsage plus(TokenUsage other) {
    return new TokenUsage(
        promptTokens + other.promptTokens, completionTokens + other.completionTokens);
  }
}
