package dev.spool.domain.config;

/**
 * The bounds a deployment puts on batch configs.
 *
 * @param maxItems the largest batch accepted (default 10,000; may be raised to 100,000 or more)
 * @param maxConcurrency the per-batch concurrency ceiling (default 50)
 */
public record ConfigLimits(int maxItems, int maxConcurrency) {
  public static final ConfigLimits DEFAULT = new ConfigLimits(10_000, 50);

  public ConfigLimits {
    if (maxItems < 1) {
      throw new IllegalArgumentException("maxItems must be at least 1, was " + maxItems);
    }
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException(
          "maxConcurrency must be at least 1, was " + maxConcurrency);
    }
  }
}
