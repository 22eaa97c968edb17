package dev.spool.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

  @Test
  void with_nothing_set_the_server_listens_on_loopback_7070_in_dev_mode_with_the_simulator() {
    ServerConfig config = ServerConfig.fromEnvironment(Map.of());

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(7070);
    assertThat(config.devMode()).isTrue();
    assertThat(config.llmProvider()).isEqualTo("simulated");
    assertThat(config.limits().maxItems()).isEqualTo(10_000);
    assertThat(config.rateLimitRps()).isEqualTo(20);
    assertThat(config.rateLimitTpm()).isEmpty();
    assertThat(config.nodeId()).endsWith(":7070");
    assertThat(config.heartbeat()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void every_variable_is_read() {
    ServerConfig config =
        ServerConfig.fromEnvironment(
            Map.of(
                "SPOOL_HOST", "0.0.0.0",
                "SPOOL_PORT", "8080",
                "SPOOL_JWT_SECRET", "x".repeat(32),
                "SPOOL_JWT_ISSUER", "https://id.example",
                "SPOOL_JWT_AUDIENCE", "spool",
                "SPOOL_MAX_CONCURRENCY", "12",
                "SPOOL_MAX_BATCH_ITEMS", "100_000",
                "SPOOL_RATE_LIMIT_RPS", "30",
                "SPOOL_RATE_LIMIT_TPM", "90000",
                "SPOOL_NODE_ID", "node-a"));

    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.devMode()).isFalse();
    assertThat(config.jwt().orElseThrow().issuer()).hasValue("https://id.example");
    assertThat(config.jwt().orElseThrow().audience()).hasValue("spool");
    assertThat(config.limits().maxConcurrency()).isEqualTo(12);
    assertThat(config.limits().maxItems()).isEqualTo(100_000);
    assertThat(config.rateLimitRps()).isEqualTo(30);
    assertThat(config.rateLimitTpm()).isEqualTo(Optional.of(90_000L));
    assertThat(config.nodeId()).isEqualTo("node-a");
  }

  @Test
  void a_bad_value_names_its_variable() {
    assertRefused(Map.of("SPOOL_PORT", "70000"), "SPOOL_PORT");
    assertRefused(Map.of("SPOOL_PORT", "http"), "SPOOL_PORT");
    assertRefused(Map.of("SPOOL_MAX_BATCH_ITEMS", "0"), "SPOOL_MAX_BATCH_ITEMS");
    assertRefused(Map.of("SPOOL_RATE_LIMIT_RPS", "-1"), "SPOOL_RATE_LIMIT_RPS");
    assertRefused(Map.of("SPOOL_RATE_LIMIT_TPM", "lots"), "SPOOL_RATE_LIMIT_TPM");
    assertRefused(Map.of("SPOOL_JWT_SECRET", "too-short"), "SPOOL_JWT_SECRET");
    assertRefused(Map.of("SPOOL_JWT_PUBLIC_KEY", "not a key"), "SPOOL_JWT_PUBLIC_KEY");
    assertRefused(Map.of("SPOOL_LLM_PROVIDER", "openai"), "SPOOL_LLM_PROVIDER");
    assertRefused(
        Map.of("SPOOL_JWT_SECRET", "x".repeat(40), "SPOOL_JWT_PUBLIC_KEY", "k"),
        "SPOOL_JWT_SECRET");
  }

  private static void assertRefused(Map<String, String> env, String variable) {
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(env))
        .isInstanceOf(ConfigurationError.class)
        .hasMessageStartingWith(variable + ":");
  }
}
