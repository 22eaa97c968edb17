package dev.spool.bootstrap;

import dev.spool.adapter.http.auth.JwtSettings;
import dev.spool.adapter.llm.provider.LlmSettings;
import dev.spool.adapter.persistence.PostgresSettings;
import dev.spool.application.dispatch.DispatcherSettings;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.config.ConfigLimits;
import dev.spool.domain.fairness.OwnerPolicy;
import dev.spool.domain.fairness.OwnerShare;
import dev.spool.domain.money.Money;
import dev.spool.domain.money.PriceTable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The server's settings from {@code SPOOL_*} environment variables, each with a default. See the
 * README's configuration table.
 *
 * @param jwt empty in dev mode, when neither a secret nor a public key is configured
 * @param llm the real provider to generate with; empty for the simulator
 * @param rateLimitTpm the shared token budget a minute, if any
 * @param lease how long a claimed item is held without renewal; a node that dies holds its items
 *     this long before other nodes take them over
 * @param sseCoalesce how often at most a watched batch's new events go out to its progress streams;
 *     zero sends every commit as it comes
 * @param ownerPolicies owners' weights in the fair share of the provider (others weigh 1), their
 *     quotas and monthly budgets
 * @param prices the price table calls are charged by
 */
public record ServerConfig(
    String host,
    int port,
    Optional<JwtSettings> jwt,
    Optional<LlmSettings> llm,
    ConfigLimits limits,
    int rateLimitRps,
    Optional<Long> rateLimitTpm,
    String nodeId,
    Duration heartbeat,
    Duration lease,
    Duration sseCoalesce,
    boolean requestLog,
    Map<UserId, OwnerPolicy> ownerPolicies,
    PriceTable prices) {
  public static final int DEFAULT_RATE_LIMIT_RPS = 20;
  public static final int DEFAULT_MAX_CONCURRENCY = 50;
  public static final int DEFAULT_MAX_ITEMS = 10_000;
  public static final int MAX_ITEMS_CEILING = 1_000_000;

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(jwt, "jwt");
    Objects.requireNonNull(llm, "llm");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(rateLimitTpm, "rateLimitTpm");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(heartbeat, "heartbeat");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(sseCoalesce, "sseCoalesce");
    ownerPolicies = Map.copyOf(ownerPolicies);
    Objects.requireNonNull(prices, "prices");
  }

  /** The owners' weights set by {@code SPOOL_OWNER_WEIGHTS}. */
  public Map<UserId, Double> ownerWeights() {
    Map<UserId, Double> weights = new LinkedHashMap<>();
    ownerPolicies.forEach((owner, policy) -> {
      if (policy.weight() != OwnerShare.DEFAULT_WEIGHT) {
        weights.put(owner, policy.weight());
      }
    });
    return weights;
  }

  /**
   * @throws ConfigurationError naming the first variable that is wrong
   */
  public static ServerConfig fromEnvironment(Map<String, String> variables) {
    Env env = new Env(variables);
    String host = env.text("SPOOL_HOST").orElse("127.0.0.1");
    int port = (int) env.whole("SPOOL_PORT", 0, 65_535, 7070);
    ConfigLimits limits =
        new ConfigLimits(
            (int) env.whole("SPOOL_MAX_BATCH_ITEMS", 1, MAX_ITEMS_CEILING, DEFAULT_MAX_ITEMS),
            (int) env.whole("SPOOL_MAX_CONCURRENCY", 1, 1_000, DEFAULT_MAX_CONCURRENCY));
    return new ServerConfig(
        host,
        port,
        jwt(env),
        LlmConfig.fromEnvironment(env),
        limits,
        (int) env.whole("SPOOL_RATE_LIMIT_RPS", 1, 100_000, DEFAULT_RATE_LIMIT_RPS),
        env.optionalWhole("SPOOL_RATE_LIMIT_TPM", 1, Long.MAX_VALUE / 2),
        env.text("SPOOL_NODE_ID").orElseGet(() -> hostname() + ":" + port),
        Duration.ofSeconds(env.whole("SPOOL_SSE_HEARTBEAT_SECONDS", 1, 3_600, 15)),
        Duration.ofSeconds(env.whole("SPOOL_LEASE_SECONDS", 3, 3_600, 30)),
        Duration.ofMillis(
            env.whole(
                "SPOOL_SSE_COALESCE_MS",
                0,
                1_000,
                PostgresSettings.DEFAULT_FANOUT_INTERVAL.toMillis())),
        env.bool("SPOOL_REQUEST_LOG", true),
        ownerPolicies(env),
        PriceConfig.fromEnvironment(env));
  }

  /**
   * Owners' policies from {@code SPOOL_OWNER_WEIGHTS}, {@code SPOOL_OWNER_MAX_IN_FLIGHT}, {@code
   * SPOOL_OWNER_CALLS_PER_SECOND} and {@code SPOOL_OWNER_MONTHLY_BUDGET_USD}: each a list of {@code
   * <user id>=<value>} pairs, comma-separated.
   */
  private static Map<UserId, OwnerPolicy> ownerPolicies(Env env) {
    Map<UserId, OwnerPolicy> policies = new LinkedHashMap<>();
    ownerWeights(env)
        .forEach((owner, weight) -> policies.put(owner, OwnerPolicy.DEFAULT.withWeight(weight)));
    pairs(
            env,
            "SPOOL_OWNER_MAX_IN_FLIGHT",
            "a whole number of items, at least 1",
            Integer::parseInt)
        .forEach((owner, n) ->
            update(
                "SPOOL_OWNER_MAX_IN_FLIGHT",
                policies,
                owner,
                p ->
                    new OwnerPolicy(
                        p.weight(), OptionalInt.of(n), p.callsPerSecond(), p.monthlyBudget())));
    pairs(env, "SPOOL_OWNER_CALLS_PER_SECOND", "calls per second, above 0", Double::parseDouble)
        .forEach((owner, r) ->
            update(
                "SPOOL_OWNER_CALLS_PER_SECOND",
                policies,
                owner,
                p ->
                    new OwnerPolicy(
                        p.weight(), p.maxInFlight(), OptionalDouble.of(r), p.monthlyBudget())));
    pairs(env, "SPOOL_OWNER_MONTHLY_BUDGET_USD", "dollars, such as 25.00", Money::usd)
        .forEach((owner, usd) ->
            update(
                "SPOOL_OWNER_MONTHLY_BUDGET_USD",
                policies,
                owner,
                p ->
                    new OwnerPolicy(
                        p.weight(), p.maxInFlight(), p.callsPerSecond(), Optional.of(usd))));
    return policies;
  }

  private static void update(
      String variable,
      Map<UserId, OwnerPolicy> policies,
      UserId owner,
      java.util.function.UnaryOperator<OwnerPolicy> change) {
    try {
      policies.put(owner, change.apply(policies.getOrDefault(owner, OwnerPolicy.DEFAULT)));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationError(variable, "for " + owner + ": " + e.getMessage());
    }
  }

  /** {@code <user id>=<value>} pairs, comma-separated, each owner at most once. */
  private static <T> Map<UserId, T> pairs(
      Env env, String name, String what, java.util.function.Function<String, T> value) {
    Map<UserId, T> values = new LinkedHashMap<>();
    for (String pair : env.text(name).map(v -> v.split(",")).orElse(new String[0])) {
      if (pair.isBlank()) {
        continue;
      }
      String[] parts = pair.split("=", -1);
      try {
        if (parts.length != 2) {
          throw new IllegalArgumentException("no '='");
        }
        UserId owner = new UserId(UUID.fromString(parts[0].strip()));
        if (values.put(owner, value.apply(parts[1].strip())) != null) {
          throw new IllegalArgumentException("listed twice");
        }
      } catch (IllegalArgumentException e) {
        throw new ConfigurationError(
            name,
            "must be <user id>=<value> pairs, comma-separated, each value "
                + what
                + "; '"
                + pair.strip()
                + "' is not ("
                + e.getMessage()
                + ")");
      }
    }
    return values;
  }

  /**
   * {@code SPOOL_OWNER_WEIGHTS}: {@code <user id>=<weight>} pairs, comma-separated, each weight
   * above 0 and at most 1,000. Owners not listed weigh 1.
   */
  private static Map<UserId, Double> ownerWeights(Env env) {
    return pairs(
        env,
        "SPOOL_OWNER_WEIGHTS",
        "a weight above 0 and at most 1000",
        text -> {
          double weight = Double.parseDouble(text);
          OwnerPolicy.DEFAULT.withWeight(weight);
          return weight;
        });
  }

  /**
   * The dispatcher's settings: leases of {@link #lease()} renewed every third of it, and expired
   * leases looked for every sixth (at least every second).
   */
  public DispatcherSettings dispatcher() {
    return DispatcherSettings.defaults(nodeId)
        .withLeases(
            lease,
            lease.dividedBy(3),
            Duration.ofMillis(Math.max(1_000, lease.dividedBy(6).toMillis())));
  }

  public boolean devMode() {
    return jwt.isEmpty();
  }

  private static Optional<JwtSettings> jwt(Env env) {
    Optional<String> secret = env.text("SPOOL_JWT_SECRET");
    Optional<String> publicKey = env.text("SPOOL_JWT_PUBLIC_KEY");
    Optional<String> oidc = env.text("SPOOL_OIDC_ISSUER");
    Optional<String> jwks = env.text("SPOOL_JWT_JWKS_URL");
    long sources =
        java.util.stream.Stream.of(secret, publicKey, oidc, jwks)
            .filter(Optional::isPresent)
            .count();
    if (sources > 1) {
      throw new ConfigurationError(
          "SPOOL_JWT_SECRET",
          "set one of SPOOL_JWT_SECRET, SPOOL_JWT_PUBLIC_KEY, SPOOL_OIDC_ISSUER and"
              + " SPOOL_JWT_JWKS_URL, not several");
    }
    Optional<JwtSettings> settings;
    try {
      settings = secret.map(JwtSettings::secret);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationError("SPOOL_JWT_SECRET", e.getMessage());
    }
    try {
      settings = settings.or(() -> publicKey.map(JwtSettings::publicKey));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationError("SPOOL_JWT_PUBLIC_KEY", e.getMessage());
    }
    settings =
        settings.or(() -> oidc.map(url -> JwtSettings.oidc(httpUrl("SPOOL_OIDC_ISSUER", url))));
    settings =
        settings.or(() -> jwks.map(url -> JwtSettings.jwks(httpUrl("SPOOL_JWT_JWKS_URL", url))));
    Duration maxLifetime =
        Duration.ofHours(
            env.whole(
                "SPOOL_JWT_MAX_LIFETIME_HOURS",
                1,
                24 * 366,
                JwtSettings.DEFAULT_MAX_LIFETIME.toHours()));
    Duration cache =
        Duration.ofSeconds(
            env.whole(
                "SPOOL_JWT_JWKS_CACHE_SECONDS",
                1,
                86_400,
                dev.spool.adapter.http.auth.KeySource.Remote.DEFAULT_CACHE.toSeconds()));
    Duration refresh =
        Duration.ofSeconds(
            env.whole(
                "SPOOL_JWT_JWKS_REFRESH_SECONDS",
                1,
                3_600,
                dev.spool.adapter.http.auth.KeySource.Remote.DEFAULT_REFRESH.toSeconds()));
    Duration outageTolerance =
        Duration.ofSeconds(
            env.whole(
                "SPOOL_JWT_JWKS_OUTAGE_SECONDS",
                0,
                7 * 86_400,
                dev.spool.adapter.http.auth.KeySource.Remote.DEFAULT_OUTAGE_TOLERANCE.toSeconds()));
    dev.spool.adapter.http.auth.RoleClaims roles =
        new dev.spool.adapter.http.auth.RoleClaims(
            env.text("SPOOL_JWT_ROLES_CLAIM"),
            env.text("SPOOL_JWT_FACULTY_ROLE").orElse(dev.spool.application.port.in.Actor.FACULTY),
            env.text("SPOOL_CATALOGUE_ADMIN_ROLE")
                .orElse(dev.spool.application.port.in.Actor.CATALOGUE_ADMIN));
    return settings.map(s -> {
      JwtSettings configured =
          s.withAudience(env.text("SPOOL_JWT_AUDIENCE"))
              .withMaxLifetime(maxLifetime)
              .withRoles(roles);
      Optional<String> issuer = env.text("SPOOL_JWT_ISSUER");
      if (issuer.isPresent()) {
        configured = configured.withIssuer(issuer);
      }
      if (configured.keys() instanceof dev.spool.adapter.http.auth.KeySource.Remote remote) {
        configured =
            configured.withKeys(
                remote.withTimes(cache, refresh).withOutageTolerance(outageTolerance));
      }
      return configured;
    });
  }

  private static java.net.URI httpUrl(String variable, String value) {
    try {
      java.net.URI uri = new java.net.URI(value);
      if ((uri.getScheme() != null
              && (uri.getScheme().equals("https") || uri.getScheme().equals("http")))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    throw new ConfigurationError(variable, "must be an http(s) URL, was '" + value + "'");
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
