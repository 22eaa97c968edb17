package dev.spool.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.adapter.llm.provider.LlmSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

  @Test
  void with_nothing_set_the_server_listens_on_loopback_7070_in_dev_mode_with_the_simulator() {
    ServerConfig config = ServerConfig.fromEnvironment(Map.of());

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(7070);
    assertThat(config.devMode()).isTrue();
    assertThat(config.llm()).as("the simulator").isEmpty();
    assertThat(config.limits().maxItems()).isEqualTo(10_000);
    assertThat(config.rateLimitRps()).isEqualTo(20);
    assertThat(config.rateLimitTpm()).isEmpty();
    assertThat(config.nodeId()).endsWith(":7070");
    assertThat(config.heartbeat()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.sseCoalesce()).isEqualTo(Duration.ofMillis(25));
    assertThat(config.dispatcher().leaseDuration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.dispatcher().renewEvery()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.requestLog()).isTrue();
    assertThat(ServerConfig.fromEnvironment(Map.of("SPOOL_REQUEST_LOG", "FALSE")).requestLog())
        .isFalse();
  }

  @Test
  void every_variable_is_read() {
    ServerConfig config =
        ServerConfig.fromEnvironment(
            with(
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
                    "SPOOL_NODE_ID", "node-a"),
                "SPOOL_SSE_COALESCE_MS",
                "0"));

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
    assertThat(config.dispatcher().nodeId()).isEqualTo("node-a");
    assertThat(config.sseCoalesce()).isZero();
  }

  @Test
  void the_lease_sets_how_often_leases_are_renewed_and_expired_ones_looked_for() {
    var dispatcher = ServerConfig.fromEnvironment(Map.of("SPOOL_LEASE_SECONDS", "6")).dispatcher();

    assertThat(dispatcher.leaseDuration()).isEqualTo(Duration.ofSeconds(6));
    assertThat(dispatcher.renewEvery()).isEqualTo(Duration.ofSeconds(2));
    assertThat(dispatcher.recoverEvery()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void owner_weights_are_pairs_of_user_id_and_weight() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();

    ServerConfig config =
        ServerConfig.fromEnvironment(Map.of("SPOOL_OWNER_WEIGHTS", " " + a + "=3, " + b + "=0.5,"));

    assertThat(config.ownerWeights())
        .containsOnly(
            Map.entry(new dev.spool.domain.batch.UserId(a), 3.0),
            Map.entry(new dev.spool.domain.batch.UserId(b), 0.5));
    assertThat(ServerConfig.fromEnvironment(Map.of()).ownerWeights()).isEmpty();
  }

  @Test
  void owner_quotas_and_monthly_budgets_are_pairs_too_and_join_the_weights() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();

    ServerConfig config =
        ServerConfig.fromEnvironment(
            Map.of(
                "SPOOL_OWNER_WEIGHTS", a + "=2",
                "SPOOL_OWNER_MAX_IN_FLIGHT", a + "=10",
                "SPOOL_OWNER_CALLS_PER_SECOND", b + "=2.5",
                "SPOOL_OWNER_MONTHLY_BUDGET_USD", a + "=25.00"));

    var policyA = config.ownerPolicies().get(new dev.spool.domain.batch.UserId(a));
    assertThat(policyA.weight()).isEqualTo(2.0);
    assertThat(policyA.maxInFlight()).hasValue(10);
    assertThat(policyA.monthlyBudget()).contains(dev.spool.domain.money.Money.usd("25"));
    assertThat(policyA.callsPerSecond()).isEmpty();
    var policyB = config.ownerPolicies().get(new dev.spool.domain.batch.UserId(b));
    assertThat(policyB.callsPerSecond()).hasValue(2.5);
    assertThat(policyB.weight()).isEqualTo(1.0);
    assertRefused(Map.of("SPOOL_OWNER_MAX_IN_FLIGHT", a + "=0"), "SPOOL_OWNER_MAX_IN_FLIGHT");
    assertRefused(
        Map.of("SPOOL_OWNER_CALLS_PER_SECOND", a + "=-1"), "SPOOL_OWNER_CALLS_PER_SECOND");
    assertRefused(
        Map.of("SPOOL_OWNER_MONTHLY_BUDGET_USD", a + "=lots"), "SPOOL_OWNER_MONTHLY_BUDGET_USD");
  }

  @Test
  void the_price_table_ships_the_simulators_price_and_a_file_adds_or_replaces_entries(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    assertThat(ServerConfig.fromEnvironment(Map.of()).prices().price("simulated", "spool-sim-1"))
        .isPresent();
    java.nio.file.Path file = dir.resolve("prices.json");
    java.nio.file.Files.writeString(
        file,
        """
        {"prices":[{"provider":"simulated","model":"spool-sim-1","inputPerMillionUsd":30,
          "cachedInputPerMillionUsd":15,"outputPerMillionUsd":60},
         {"provider":"acme","model":"m1","inputPerMillionUsd":1,
          "cachedInputPerMillionUsd":0.5,"outputPerMillionUsd":2}]}
        """);
    var prices =
        ServerConfig.fromEnvironment(Map.of("SPOOL_PRICES_FILE", file.toString())).prices();
    assertThat(prices.price("simulated", "spool-sim-1").orElseThrow().input())
        .isEqualTo(dev.spool.domain.money.Money.usd("30"));
    assertThat(prices.price("acme", "m1")).isPresent();
    assertThat(prices.price("openai", "gpt-4o-mini")).isPresent();

    java.nio.file.Files.writeString(file, "{\"prices\":[{\"provider\":\"x\"}]}");
    assertRefused(Map.of("SPOOL_PRICES_FILE", file.toString()), "SPOOL_PRICES_FILE");
    assertRefused(
        Map.of("SPOOL_PRICES_FILE", dir.resolve("none.json").toString()), "SPOOL_PRICES_FILE");
  }

  @Test
  void a_bad_value_names_its_variable() {
    assertRefused(Map.of("SPOOL_PORT", "70000"), "SPOOL_PORT");
    assertRefused(Map.of("SPOOL_PORT", "http"), "SPOOL_PORT");
    assertRefused(Map.of("SPOOL_MAX_BATCH_ITEMS", "0"), "SPOOL_MAX_BATCH_ITEMS");
    assertRefused(Map.of("SPOOL_RATE_LIMIT_RPS", "-1"), "SPOOL_RATE_LIMIT_RPS");
    assertRefused(Map.of("SPOOL_RATE_LIMIT_TPM", "lots"), "SPOOL_RATE_LIMIT_TPM");
    assertRefused(Map.of("SPOOL_LEASE_SECONDS", "1"), "SPOOL_LEASE_SECONDS");
    assertRefused(Map.of("SPOOL_SSE_COALESCE_MS", "5000"), "SPOOL_SSE_COALESCE_MS");
    assertRefused(Map.of("SPOOL_SSE_COALESCE_MS", "-1"), "SPOOL_SSE_COALESCE_MS");
    assertRefused(Map.of("SPOOL_JWT_SECRET", "too-short"), "SPOOL_JWT_SECRET");
    assertRefused(Map.of("SPOOL_JWT_PUBLIC_KEY", "not a key"), "SPOOL_JWT_PUBLIC_KEY");
    assertRefused(Map.of("SPOOL_LLM_PROVIDER", "gemini"), "SPOOL_LLM_PROVIDER");
    assertRefused(Map.of("SPOOL_LLM_PROVIDER", "openai"), "SPOOL_LLM_MODEL");
    assertRefused(
        Map.of("SPOOL_LLM_PROVIDER", "openai", "SPOOL_LLM_MODEL", "m"), "SPOOL_LLM_API_KEY");
    assertRefused(
        Map.of(
            "SPOOL_LLM_PROVIDER",
            "anthropic",
            "SPOOL_LLM_MODEL",
            "m",
            "SPOOL_LLM_BASE_URL",
            "http://gw/v1"),
        "SPOOL_LLM_API_KEY");
    Map<String, String> openai =
        Map.of("SPOOL_LLM_PROVIDER", "openai", "SPOOL_LLM_MODEL", "m", "SPOOL_LLM_API_KEY", "k");
    assertRefused(with(openai, "SPOOL_LLM_BASE_URL", "localhost:11434"), "SPOOL_LLM_BASE_URL");
    assertRefused(with(openai, "SPOOL_LLM_TIMEOUT", "soon"), "SPOOL_LLM_TIMEOUT");
    assertRefused(with(openai, "SPOOL_LLM_OUTPUT", "xml"), "SPOOL_LLM_OUTPUT");
    assertRefused(with(openai, "SPOOL_LLM_TIMEOUT", "2h"), "SPOOL_LLM_TIMEOUT");
    assertRefused(with(openai, "SPOOL_LLM_MAX_OUTPUT_TOKENS", "0"), "SPOOL_LLM_MAX_OUTPUT_TOKENS");
    assertRefused(Map.of("SPOOL_REQUEST_LOG", "maybe"), "SPOOL_REQUEST_LOG");
    String owner = UUID.randomUUID().toString();
    assertRefused(Map.of("SPOOL_OWNER_WEIGHTS", owner + "=0"), "SPOOL_OWNER_WEIGHTS");
    assertRefused(Map.of("SPOOL_OWNER_WEIGHTS", owner + "=heavy"), "SPOOL_OWNER_WEIGHTS");
    assertRefused(Map.of("SPOOL_OWNER_WEIGHTS", "alice=2"), "SPOOL_OWNER_WEIGHTS");
    assertRefused(Map.of("SPOOL_OWNER_WEIGHTS", owner), "SPOOL_OWNER_WEIGHTS");
    assertRefused(
        Map.of("SPOOL_OWNER_WEIGHTS", owner + "=2," + owner + "=3"), "SPOOL_OWNER_WEIGHTS");
    // checked with the simulator too, which does not read them
    assertRefused(Map.of("SPOOL_LLM_TIMEOUT", "abc"), "SPOOL_LLM_TIMEOUT");
    assertRefused(Map.of("SPOOL_LLM_OUTPUT", "xml"), "SPOOL_LLM_OUTPUT");
    assertRefused(Map.of("SPOOL_LLM_BASE_URL", "localhost"), "SPOOL_LLM_BASE_URL");
    assertRefused(
        Map.of("SPOOL_JWT_SECRET", "x".repeat(40), "SPOOL_JWT_PUBLIC_KEY", "k"),
        "SPOOL_JWT_SECRET");
  }

  @Test
  void a_real_provider_is_configured_by_the_llm_variables() {
    LlmSettings openai =
        ServerConfig.fromEnvironment(
                Map.of(
                    "SPOOL_LLM_PROVIDER", "OpenAI",
                    "SPOOL_LLM_MODEL", "gpt-test",
                    "SPOOL_LLM_API_KEY", "sk-secret",
                    "SPOOL_LLM_TIMEOUT", "1500ms",
                    "SPOOL_LLM_MAX_OUTPUT_TOKENS", "2048"))
            .llm()
            .orElseThrow();
    assertThat(openai.provider()).isEqualTo(LlmSettings.Provider.OPENAI);
    assertThat(openai.model()).isEqualTo("gpt-test");
    assertThat(openai.apiKey()).contains("sk-secret");
    assertThat(openai.baseUrl()).isEmpty();
    assertThat(openai.timeout()).isEqualTo(Duration.ofMillis(1_500));
    assertThat(openai.maxOutputTokens()).isEqualTo(2_048);
    assertThat(openai.toString()).doesNotContain("sk-secret");

    LlmSettings local =
        ServerConfig.fromEnvironment(
                Map.of(
                    "SPOOL_LLM_PROVIDER", "openai",
                    "SPOOL_LLM_MODEL", "llama3.1",
                    "SPOOL_LLM_BASE_URL", "http://localhost:11434/v1"))
            .llm()
            .orElseThrow();
    assertThat(local.apiKey()).as("a local server needs no key").isEmpty();
    assertThat(local.baseUrl()).contains(URI.create("http://localhost:11434/v1"));
    assertThat(local.timeout()).isEqualTo(LlmSettings.DEFAULT_TIMEOUT);
    assertThat(local.output()).isEqualTo(LlmSettings.Output.JSON_SCHEMA);
    assertThat(
            ServerConfig.fromEnvironment(
                    with(
                        Map.of(
                            "SPOOL_LLM_PROVIDER", "openai",
                            "SPOOL_LLM_MODEL", "old-server-model",
                            "SPOOL_LLM_BASE_URL", "http://localhost:8080/v1"),
                        "SPOOL_LLM_OUTPUT",
                        "json"))
                .llm()
                .orElseThrow()
                .output())
        .isEqualTo(LlmSettings.Output.JSON);

    LlmSettings anthropic =
        ServerConfig.fromEnvironment(
                Map.of(
                    "SPOOL_LLM_PROVIDER", "anthropic",
                    "SPOOL_LLM_MODEL", "claude-test",
                    "SPOOL_LLM_API_KEY", "k",
                    "SPOOL_LLM_TIMEOUT", "90"))
            .llm()
            .orElseThrow();
    assertThat(anthropic.provider()).isEqualTo(LlmSettings.Provider.ANTHROPIC);
    assertThat(anthropic.timeout()).isEqualTo(Duration.ofSeconds(90));
  }

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> all = new java.util.HashMap<>(base);
    all.put(key, value);
    return all;
  }

  private static void assertRefused(Map<String, String> env, String variable) {
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(env))
        .isInstanceOf(ConfigurationError.class)
        .hasMessageStartingWith(variable + ":");
  }

  @Test
  void an_oidc_issuer_brings_its_published_keys_an_issuer_check_and_a_roles_claim() {
    var jwt =
        ServerConfig.fromEnvironment(
                Map.of(
                    "SPOOL_OIDC_ISSUER", "https://idp.example.edu/realms/spool",
                    "SPOOL_JWT_AUDIENCE", "spool",
                    "SPOOL_JWT_ROLES_CLAIM", "realm_access.roles",
                    "SPOOL_JWT_FACULTY_ROLE", "Lecturer",
                    "SPOOL_JWT_JWKS_CACHE_SECONDS", "60",
                    "SPOOL_JWT_JWKS_OUTAGE_SECONDS", "3600"))
            .jwt()
            .orElseThrow();

    assertThat(jwt.issuer()).contains("https://idp.example.edu/realms/spool");
    assertThat(jwt.audience()).contains("spool");
    assertThat(jwt.keys())
        .isInstanceOfSatisfying(
            dev.spool.adapter.http.auth.KeySource.Remote.class,
            remote -> {
              assertThat(remote.discover()).isTrue();
              assertThat(remote.cacheFor()).hasSeconds(60);
              assertThat(remote.outageTolerance()).hasHours(1);
            });
    var byDefault =
        ServerConfig.fromEnvironment(Map.of("SPOOL_OIDC_ISSUER", "https://idp.example.edu/r"))
            .jwt()
            .orElseThrow();
    assertThat(((dev.spool.adapter.http.auth.KeySource.Remote) byDefault.keys()).outageTolerance())
        .hasDays(1);
    assertThat(jwt.roles().path()).contains("realm_access.roles");
    assertThat(jwt.roles().facultyRole()).isEqualTo("Lecturer");
  }

  @Test
  void only_one_source_of_keys_may_be_set_and_urls_must_be_http() {
    assertThatThrownBy(() ->
            ServerConfig.fromEnvironment(
                Map.of(
                    "SPOOL_OIDC_ISSUER", "https://idp.example.edu",
                    "SPOOL_JWT_JWKS_URL", "https://idp.example.edu/jwks")))
        .isInstanceOf(ConfigurationError.class)
        .hasMessageContaining("not several");
    assertThatThrownBy(
            () -> ServerConfig.fromEnvironment(Map.of("SPOOL_JWT_JWKS_URL", "file:///etc/keys")))
        .isInstanceOf(ConfigurationError.class)
        .hasMessageContaining("SPOOL_JWT_JWKS_URL");
    assertThat(
            ServerConfig.fromEnvironment(
                    Map.of("SPOOL_JWT_JWKS_URL", "https://idp.example.edu/jwks"))
                .jwt()
                .orElseThrow()
                .keys())
        .isInstanceOfSatisfying(
            dev.spool.adapter.http.auth.KeySource.Remote.class,
            remote -> assertThat(remote.discover()).isFalse());
  }
}
