package dev.spool.bootstrap;

import dev.spool.adapter.llm.SimulatorSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated provider's settings from the environment: {@code SPOOL_SIMULATOR_LATENCY_MS},
 * {@code _JITTER_MS}, {@code _FAILURE_RATE}, {@code _RATE_LIMITED_RATE}, {@code _TIMEOUT_RATE},
 * {@code _INVALID_RATE}, {@code _TIMEOUT_MS} (how long a simulated timeout hangs) and {@code
 * _SEED}; anything unset keeps its default.
 */
final class SimulatorConfig {
  private static final String PREFIX = "SPOOL_SIMULATOR_";

  private SimulatorConfig() {}

  /**
   * @throws ConfigurationError naming the first variable that is wrong
   */
  static SimulatorSettings fromEnvironment(Map<String, String> env) {
    SimulatorSettings d = SimulatorSettings.defaults();
    double failure = rate(env, "FAILURE_RATE", d.failureRate());
    double limited = rate(env, "RATE_LIMITED_RATE", d.rateLimitedRate());
    double timeouts = rate(env, "TIMEOUT_RATE", d.timeoutRate());
    double invalid = rate(env, "INVALID_RATE", d.invalidRate());
    if (failure + limited + timeouts + invalid > 1.0 + 1e-9) {
      throw new ConfigurationError(PREFIX + "*_RATE", "the four rates add up to more than 1");
    }
    return new SimulatorSettings(
        Duration.ofMillis(whole(env, "LATENCY_MS", d.latency().toMillis())),
        Duration.ofMillis(whole(env, "JITTER_MS", d.jitter().toMillis())),
        failure,
        limited,
        timeouts,
        invalid,
        whole(env, "SEED", d.seed()),
        Duration.ofMillis(whole(env, "TIMEOUT_MS", d.timeout().toMillis())));
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(PREFIX + name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static double rate(Map<String, String> env, String name, double fallback) {
    return value(env, name)
        .map(v -> {
          try {
            double rate = Double.parseDouble(v);
            if (rate >= 0 && rate <= 1) {
              return rate;
            }
          } catch (NumberFormatException e) {
            // reported below
          }
          throw new ConfigurationError(
              PREFIX + name, "must be a fraction from 0 to 1, was '" + v + "'");
        })
        .orElse(fallback);
  }

  private static long whole(Map<String, String> env, String name, long fallback) {
    return value(env, name)
        .map(v -> {
          try {
            long number = Long.parseLong(v);
            if (number >= 0 || name.equals("SEED")) {
              return number;
            }
          } catch (NumberFormatException e) {
            // reported below
          }
          throw new ConfigurationError(
              PREFIX + name, "must be a whole number of 0 or more, was '" + v + "'");
        })
        .orElse(fallback);
  }
}
