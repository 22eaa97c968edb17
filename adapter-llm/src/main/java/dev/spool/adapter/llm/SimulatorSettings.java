package dev.spool.adapter.llm;

import java.time.Duration;
import java.util.Objects;

/**
 * How the simulated provider behaves. Each rate is a fraction from 0 to 1 of attempts; together
 * they may not exceed 1. The same seed gives the same outcome for the same item and attempt.
 *
 * @param latency the mean time one generation takes
 * @param jitter the most the latency varies either way
 * @param failureRate attempts that fail like a provider's 5xx
 * @param rateLimitedRate attempts answered with a 429 and a retry-after
 * @param timeoutRate attempts that get no answer until {@code timeout}
 * @param invalidRate attempts that return a question the validation engine rejects
 */
public record SimulatorSettings(
    Duration latency,
    Duration jitter,
    double failureRate,
    double rateLimitedRate,
    double timeoutRate,
    double invalidRate,
    long seed,
    Duration timeout) {

  public SimulatorSettings {
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(jitter, "jitter");
    Objects.requireNonNull(timeout, "timeout");
    if (latency.isNegative() || jitter.isNegative() || timeout.isNegative()) {
      throw new IllegalArgumentException("latency, jitter and timeout cannot be negative");
    }
    for (double rate : new double[] {failureRate, rateLimitedRate, timeoutRate, invalidRate}) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("each rate is a fraction from 0 to 1, got " + rate);
      }
    }
    if (failureRate + rateLimitedRate + timeoutRate + invalidRate > 1.0 + 1e-9) {
      throw new IllegalArgumentException("the failure rates together exceed 1");
    }
  }

  /** A plausible demo: about a second per question, nothing failing. */
  public static SimulatorSettings defaults() {
    return new SimulatorSettings(
        Duration.ofMillis(1_200), Duration.ofMillis(400), 0, 0, 0, 0, 42, Duration.ofSeconds(30));
  }

  /** Answers at once and never fails: what benchmarks and fast tests want. */
  public static SimulatorSettings instant(long seed) {
    return new SimulatorSettings(Duration.ZERO, Duration.ZERO, 0, 0, 0, 0, seed, Duration.ZERO);
  }

  public SimulatorSettings withRates(
      double failure, double rateLimited, double timeouts, double invalid) {
    return new SimulatorSettings(
        latency, jitter, failure, rateLimited, timeouts, invalid, seed, timeout);
  }

  public SimulatorSettings withLatency(Duration mean, Duration spread) {
    return new SimulatorSettings(
        mean, spread, failureRate, rateLimitedRate, timeoutRate, invalidRate, seed, timeout);
  }

  public SimulatorSettings withTimeout(Duration wait) {
    return new SimulatorSettings(
        latency, jitter, failureRate, rateLimitedRate, timeoutRate, invalidRate, seed, wait);
  }
}
