package dev.spool.bootstrap;

import dev.spool.adapter.http.HttpSettings;
import dev.spool.adapter.http.SpoolHttpServer;
import dev.spool.adapter.http.SpoolMetrics;
import dev.spool.adapter.http.auth.JwtSettings;
import dev.spool.adapter.http.auth.JwtVerifier;
import dev.spool.adapter.http.auth.TokenIssuer;
import dev.spool.adapter.llm.SimulatedQuestionGenerator;
import dev.spool.adapter.llm.SimulatorSettings;
import dev.spool.adapter.llm.provider.ProviderQuestionGenerator;
import dev.spool.adapter.mcp.SpoolMcp;
import dev.spool.adapter.persistence.PostgresSettings;
import dev.spool.adapter.webhook.HttpWebhookSender;
import dev.spool.application.Spool;
import dev.spool.application.TimeOrderedIds;
import dev.spool.application.catalogue.Catalogue;
import dev.spool.application.model.ApprovalPolicy;
import dev.spool.application.model.Pricing;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.out.QuestionGenerator;
import dev.spool.application.port.out.RateLimiter;
import dev.spool.application.port.out.SpoolPorts;
import dev.spool.application.webhook.WebhookRuntime;
import dev.spool.domain.money.PriceTable;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole server wired together: the database (embedded unless configured), the simulated
 * generator, the shared rate limiter, the dispatcher, and the HTTP API. Closing it shuts down in
 * order: stop claiming and let in-flight items finish or release them, close the streams and the
 * HTTP server, then the database.
 */
public final class SpoolServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolServer.class);
  static final Duration DEV_TOKEN_VALIDITY = Duration.ofDays(30);

  private final SpoolDatabase database;
  private final Spool spool;
  private final WebhookRuntime webhooks;
  private final SpoolMcp mcp;
  private final SpoolHttpServer http;
  private final Optional<String> devToken;
  private final String host;

  private SpoolServer(
      SpoolDatabase database,
      Spool spool,
      WebhookRuntime webhooks,
      SpoolMcp mcp,
      SpoolHttpServer http,
      Optional<String> devToken,
      String host) {
    this.host = host;
    this.database = database;
    this.spool = spool;
    this.webhooks = webhooks;
    this.mcp = mcp;
    this.http = http;
    this.devToken = devToken;
  }

  /**
   * @throws ConfigurationError naming the first wrong variable
   */
  public static SpoolServer start(Map<String, String> environment) {
    ServerConfig config = ServerConfig.fromEnvironment(environment);
    DatabaseSettings database = DatabaseSettings.fromEnvironment(environment);
    SimulatorSettings simulator = SimulatorConfig.fromEnvironment(environment);
    return start(config, database, simulator, environment);
  }

  public static SpoolServer start(
      ServerConfig config, DatabaseSettings databaseSettings, SimulatorSettings simulator) {
    return start(config, databaseSettings, simulator, Map.of());
  }

  /**
   * @param environment read for the webhook ({@code SPOOL_WEBHOOK_*}) and approval ({@code
   *     SPOOL_APPROVAL_*}) settings
   */
  public static SpoolServer start(
      ServerConfig config,
      DatabaseSettings databaseSettings,
      SimulatorSettings simulator,
      Map<String, String> environment) {
    return start(
        config,
        databaseSettings,
        simulator,
        WebhookConfig.fromEnvironment(environment),
        ApprovalConfig.fromEnvironment(environment),
        signIn(environment));
  }

  /** {@code SPOOL_OIDC_CLIENT_ID}: the page signs in through {@code SPOOL_OIDC_ISSUER}. */
  static Optional<HttpSettings.SignIn> signIn(Map<String, String> environment) {
    Env env = new Env(environment);
    Optional<String> client = env.text("SPOOL_OIDC_CLIENT_ID");
    Optional<String> issuer = env.text("SPOOL_OIDC_ISSUER");
    if (client.isPresent() && issuer.isEmpty()) {
      throw new ConfigurationError(
          "SPOOL_OIDC_CLIENT_ID", "needs SPOOL_OIDC_ISSUER, the provider the page signs in with");
    }
    return client.map(id -> new HttpSettings.SignIn(java.net.URI.create(issuer.get()), id));
  }

  /** The price table, and the model this server's generator calls. */
  static Pricing pricing(ServerConfig config) {
    PriceTable.Model model =
        config
            .llm()
            .map(llm -> new PriceTable.Model(llm.provider().wireName(), llm.model()))
            .orElse(
                new PriceTable.Model(
                    SimulatedQuestionGenerator.PROVIDER, SimulatedQuestionGenerator.MODEL));
    return new Pricing(config.prices(), Optional.of(model), Pricing.FIRST_CALL_TOKENS);
  }

  private static SpoolServer start(
      ServerConfig config,
      DatabaseSettings databaseSettings,
      SimulatorSettings simulator,
      WebhookConfig webhookConfig,
      ApprovalPolicy approval,
      Optional<HttpSettings.SignIn> signIn) {
    Clock clock = Clock.systemUTC();
    DevMode dev = new DevMode(databaseSettings.dataDirectory());
    JwtSettings jwt = config.jwt().orElseGet(dev::jwt);
    SpoolDatabase database =
        SpoolDatabase.open(
            databaseSettings,
            PostgresSettings.defaults().withFanoutInterval(config.sseCoalesce()),
            config.port());
    Spool spool = null;
    WebhookRuntime webhooks = null;
    SpoolMcp mcp = null;
    try {
      database.store().owners().configure(config.ownerPolicies());
      RateLimiter limiter =
          database.store().sharedRateLimiter("llm", config.rateLimitRps(), config.rateLimitTpm());
      QuestionGenerator generator =
          config
              .llm()
              .<QuestionGenerator>map(llm -> ProviderQuestionGenerator.create(llm, clock))
              .orElseGet(() -> new SimulatedQuestionGenerator(simulator));
      LOG.info(
          "generating questions with {}",
          config
              .llm()
              .map(Object::toString)
              .orElse("the simulated provider (nothing leaves this machine)"));
      SpoolPorts ports = database.store().ports(generator, limiter, clock);
      SpoolMetrics metrics = new SpoolMetrics();
      spool =
          Spool.builder(ports)
              .limits(config.limits())
              .dispatcher(config.dispatcher())
              .observer(metrics)
              .pricing(pricing(config))
              .approval(approval)
              .build();
      metrics.gauges(spool.dispatcher()::inFlight, ports.batches()::pendingItems);
      metrics.concurrency(
          () -> ports.batches().runningConcurrency().configured(),
          () -> ports.batches().runningConcurrency().effective());
      spool.start();
      webhooks =
          WebhookRuntime.start(
              database.store().webhooks(),
              new HttpWebhookSender(
                  webhookConfig.settings().timeout(), webhookConfig.allowPrivate()),
              ports.events(),
              ports.transactions(),
              clock,
              webhookConfig.settings(),
              new TimeOrderedIds(clock));
      JwtVerifier verifier = new JwtVerifier(jwt, clock);
      Catalogue catalogue = Catalogue.kept(database.store().catalogue(), ports.transactions());
      mcp = SpoolMcp.create(spool.useCases(), catalogue, verifier::verify, jwt.issuer());
      SpoolHttpServer http =
          SpoolHttpServer.start(
              spool.useCases(),
              webhooks.manage(),
              catalogue,
              Map.of(
                  "/mcp", mcp.servlet(), "/.well-known/oauth-protected-resource/*", mcp.servlet()),
              verifier,
              database.health(),
              metrics,
              HttpSettings.defaults()
                  .withAddress(config.host(), config.port())
                  .withHeartbeat(config.heartbeat())
                  .withRequestLog(config.requestLog())
                  .withSignIn(signIn),
              clock);
      Optional<String> token =
          config.devMode()
              ? Optional.of(
                  new TokenIssuer(jwt, clock)
                      .issue(
                          dev.demoUser(),
                          Set.of(Actor.FACULTY, Actor.CATALOGUE_ADMIN),
                          DEV_TOKEN_VALIDITY))
              : Optional.empty();
      return new SpoolServer(database, spool, webhooks, mcp, http, token, config.host());
    } catch (RuntimeException e) {
      if (mcp != null) {
        mcp.close();
      }
      if (webhooks != null) {
        webhooks.close();
      }
      if (spool != null) {
        spool.close();
      }
      database.close();
      throw e;
    }
  }

  public String host() {
    return host;
  }

  public int port() {
    return http.port();
  }

  /** In dev mode, a token for the demo faculty user. */
  public Optional<String> devToken() {
    return devToken;
  }

  /** The JDBC URL of the database this server runs on, embedded or not. */
  public String databaseUrl() {
    return database.pool().getJdbcUrl();
  }

  public Spool spool() {
    return spool;
  }

  @Override
  public void close() {
    LOG.info("shutting down: draining, then finishing in-flight items");
    http.drain();
    mcp.close();
    webhooks.close();
    spool.close();
    http.close();
    database.close();
    LOG.info("shut down");
  }
}
