package dev.spool.domain.config;

/**
 * How a batch is run: how many of its items may be in flight at once, and how often a failed item
 * is tried again.
 */
public record ExecutionSettings(int concurrency, int maxRetries) {
  public static final int DEFAULT_CONCURRENCY = 5;
  public static final int DEFAULT_MAX_RETRIES = 2;
  public static final int MAX_RETRIES_LIMIT = 10;

  public ExecutionSettings {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
    }
    if (maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
      throw new IllegalArgumentException("maxRetries must be 0 to 10, was " + maxRetries);
    }
  }

  public static ExecutionSettings defaults() {
    return new ExecutionSettings(DEFAULT_CONCURRENCY, DEFAULT_MAX_RETRIES);
  }

  /** Attempts an item gets in all: the first one plus its retries. */
  public int maxAttempts() {
    return maxRetries + 1;
  }
}
