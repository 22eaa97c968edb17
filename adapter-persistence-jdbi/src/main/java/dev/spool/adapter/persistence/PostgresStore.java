package dev.spool.adapter.persistence;

import dev.spool.application.catalogue.CatalogueStore;
import dev.spool.application.port.out.BatchEventLog;
import dev.spool.application.port.out.BatchItems;
import dev.spool.application.port.out.BatchStore;
import dev.spool.application.port.out.OwnerAccounts;
import dev.spool.application.port.out.QuestionGenerator;
import dev.spool.application.port.out.RateLimiter;
import dev.spool.application.port.out.SpoolPorts;
import dev.spool.application.port.out.Transactions;
import dev.spool.application.port.out.WorkQueue;
import dev.spool.application.webhook.WebhookStore;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.fairness.OwnerShare;
import dev.spool.domain.fairness.ShareClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spool's storage on PostgreSQL: every storage port over one database, migrated by Flyway when
 * opened. Close it to stop its listener and its retention job; the data source stays the caller's.
 */
public final class PostgresStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);

  private final Jdbi jdbi;
  private final JdbiTransactions transactions;
  private final JdbiBatchStore batches;
  private final JdbiBatchItems items;
  private final JdbiWorkQueue queue;
  private final JdbiOwnerAccounts owners;
  private final JdbiWebhookStore webhooks;
  private final JdbiCatalogue catalogue;
  private final JdbiEventLog events;
  private final EventFanout fanout;
  private final NotificationListener listener;
  private final EventRetention retention;
  private final ScheduledExecutorService housekeeping =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("spool-retention").factory());

  private PostgresStore(DataSource dataSource, PostgresSettings settings) {
    this.jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
    this.transactions = new JdbiTransactions(jdbi);
    this.batches = new JdbiBatchStore(transactions);
    this.items = new JdbiBatchItems(transactions);
    this.queue = new JdbiWorkQueue(transactions);
    this.owners = new JdbiOwnerAccounts(transactions);
    this.webhooks = new JdbiWebhookStore(transactions);
    this.catalogue = new JdbiCatalogue(transactions);
    EventReader reader = new EventReader(transactions);
    this.fanout =
        new EventFanout(reader, settings.safetyPoll().toMillis(), settings.fanoutInterval());
    CommitSignal commits = new CommitSignal();
    this.events = new JdbiEventLog(transactions, reader, fanout, commits);
    this.listener =
        new NotificationListener(
            () -> connect(dataSource),
            notification -> {
              fanout.changed(notification);
              commits.heard(notification);
            },
            () -> {
              fanout.changedAll();
              commits.signal();
            });
    this.retention = new EventRetention(jdbi, settings.eventRetention(), settings.batchRetention());
    long every = settings.cleanupEvery().toMillis();
    housekeeping.scheduleWithFixedDelay(this::cleanUp, every, every, TimeUnit.MILLISECONDS);
  }

  /** Migrates the schema and opens the store. */
  public static PostgresStore open(DataSource dataSource, PostgresSettings settings) {
    migrate(dataSource);
    return new PostgresStore(dataSource, settings);
  }

  /** Brings the schema up to date. Safe to run on every start, from every node. */
  public static void migrate(DataSource dataSource) {
    var result =
        Flyway.configure().dataSource(dataSource).locations("classpath:db/spool").load().migrate();
    // Flyway names a target version only when it applied something
    String version =
        result.targetSchemaVersion != null
            ? result.targetSchemaVersion
            : result.initialSchemaVersion;
    LOG.info(
        "database schema at version {} ({} migrations applied)",
        version,
        result.migrationsExecuted);
  }

  public Transactions transactions() {
    return transactions;
  }

  public BatchStore batches() {
    return batches;
  }

  public BatchItems items() {
    return items;
  }

  public WorkQueue queue() {
    return queue;
  }

  public BatchEventLog events() {
    return events;
  }

  /** Every port Spool needs: this store's, plus the generator, rate limiter and clock given. */
  public SpoolPorts ports(QuestionGenerator generator, RateLimiter rateLimiter, Clock clock) {
    return new SpoolPorts(
        batches, items, queue, events, transactions, generator, rateLimiter, clock, owners);
  }

  /**
   * A rate limiter shared by every node that opens one under the same name: at most {@code
   * requestsPerSecond} calls start in any one-second window, and at most {@code tokensPerMinute}
   * tokens are spent a minute on average.
   */
  public RateLimiter sharedRateLimiter(
      String name, int requestsPerSecond, Optional<Long> tokensPerMinute) {
    return new JdbiRateLimiter(jdbi, name, requestsPerSecond, tokensPerMinute);
  }

  /**
   * Sets owners' weights in the fair share (1 unless set): an owner of weight 2 gets twice the
   * share of a contended limit that an owner of weight 1 gets, on every node. Weights are kept in
   * the database; an owner not listed keeps the weight it has.
   *
   * @throws IllegalArgumentException for a weight that is not above 0 and at most 1,000
   */
  public void weigh(Map<UserId, Double> weights) {
    weights.forEach((owner, weight) -> new OwnerShare(owner, weight, ShareClock.ZERO));
    jdbi.useTransaction(h ->
        weights.forEach((owner, weight) ->
            h.createUpdate(
                    "INSERT INTO owner_shares (user_id, weight) VALUES (:user, :weight)"
                        + " ON CONFLICT (user_id) DO UPDATE SET weight = excluded.weight")
                .bind("user", owner.value())
                .bind("weight", weight)
                .execute()));
  }

  /** Webhook endpoints, their deliveries, and the webhook outbox's position. */
  public WebhookStore webhooks() {
    return webhooks;
  }

  /** The course catalogue, filled by administrators. */
  public CatalogueStore catalogue() {
    return catalogue;
  }

  /** Owners' policies and accounts. */
  public OwnerAccounts owners() {
    return owners;
  }

  /** Runs retention now; returns how many events and batches were removed. */
  public int[] cleanUp() {
    try {
      return retention.cleanUp();
    } catch (RuntimeException e) {
      LOG.warn("retention failed; will try again later", e);
      return new int[] {0, 0};
    }
  }

  private static Connection connect(DataSource dataSource) {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the event listener's connection", e);
    }
  }

  @Override
  public void close() {
    housekeeping.shutdownNow();
    listener.close();
    fanout.close();
  }
}
