package dev.spool.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.adapter.llm.SimulatorSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorConfigTest {

  @Test
  void unset_variables_keep_the_defaults() {
    assertThat(SimulatorConfig.fromEnvironment(Map.of())).isEqualTo(SimulatorSettings.defaults());
  }

  @Test
  void every_knob_is_read() {
    SimulatorSettings s =
        SimulatorConfig.fromEnvironment(
            Map.of(
                "SPOOL_SIMULATOR_LATENCY_MS",
                "50",
                "SPOOL_SIMULATOR_JITTER_MS",
                "10",
                "SPOOL_SIMULATOR_FAILURE_RATE",
                "0.2",
                "SPOOL_SIMULATOR_RATE_LIMITED_RATE",
                "0.1",
                "SPOOL_SIMULATOR_TIMEOUT_RATE",
                "0.05",
                "SPOOL_SIMULATOR_INVALID_RATE",
                "0.05",
                "SPOOL_SIMULATOR_SEED",
                "7",
                "SPOOL_SIMULATOR_TIMEOUT_MS",
                "1500"));

    assertThat(s.latency()).isEqualTo(Duration.ofMillis(50));
    assertThat(s.jitter()).isEqualTo(Duration.ofMillis(10));
    assertThat(s.failureRate()).isEqualTo(0.2);
    assertThat(s.rateLimitedRate()).isEqualTo(0.1);
    assertThat(s.timeoutRate()).isEqualTo(0.05);
    assertThat(s.invalidRate()).isEqualTo(0.05);
    assertThat(s.seed()).isEqualTo(7);
    assertThat(s.timeout()).isEqualTo(Duration.ofMillis(1_500));
  }

  @Test
  void bad_values_are_refused_naming_their_variable() {
    assertThatThrownBy(
            () -> SimulatorConfig.fromEnvironment(Map.of("SPOOL_SIMULATOR_FAILURE_RATE", "1.5")))
        .isInstanceOf(ConfigurationError.class)
        .hasMessage("SPOOL_SIMULATOR_FAILURE_RATE: must be a fraction from 0 to 1, was '1.5'");
    assertThatThrownBy(
            () -> SimulatorConfig.fromEnvironment(Map.of("SPOOL_SIMULATOR_LATENCY_MS", "-5")))
        .hasMessageStartingWith("SPOOL_SIMULATOR_LATENCY_MS: must be a whole number");
    assertThatThrownBy(() ->
            SimulatorConfig.fromEnvironment(
                Map.of(
                    "SPOOL_SIMULATOR_FAILURE_RATE", "0.6", "SPOOL_SIMULATOR_TIMEOUT_RATE", "0.6")))
        .hasMessageContaining("add up to more than 1");
  }
}
