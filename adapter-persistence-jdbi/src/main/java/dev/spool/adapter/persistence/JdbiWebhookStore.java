package dev.spool.adapter.persistence;

import dev.spool.application.model.FeedPosition;
import dev.spool.application.webhook.Delivery;
import dev.spool.application.webhook.EndpointId;
import dev.spool.application.webhook.WebhookEndpoint;
import dev.spool.application.webhook.WebhookStore;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.UserId;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** {@link WebhookStore} on the webhook tables of migration V13. */
final class JdbiWebhookStore implements WebhookStore {
  private static final String ENDPOINT_COLUMNS =
      "id, user_id, url, description, event_types, enabled, disabled_reason, failing_since,"
          + " created_at, updated_at";

  private final JdbiTransactions tx;

  JdbiWebhookStore(JdbiTransactions tx) {
    this.tx = tx;
  }

  @Override
  public void create(WebhookEndpoint endpoint, String secret) {
    tx.withHandle(h ->
        h.createUpdate(
                """
                INSERT INTO webhook_endpoints (id, user_id, url, description, event_types, secret,
                    enabled, disabled_reason, created_at, updated_at)
                VALUES (:id, :user, :url, :description, :types, :secret, :enabled, :reason,
                    :createdAt, :updatedAt)\
                """)
            .bind("id", endpoint.id().value())
            .bind("user", endpoint.owner().value())
            .bind("url", endpoint.url().toString())
            .bind("description", endpoint.description())
            .bind("types", SqlArrays.of(String.class, endpoint.eventTypes()))
            .bind("secret", secret)
            .bind("enabled", endpoint.enabled())
            .bind(
                "reason", endpoint.disabled().map(WebhookEndpoint.Disabled::wireName).orElse(null))
            .bind("createdAt", Rows.timestamp(endpoint.createdAt()))
            .bind("updatedAt", Rows.timestamp(endpoint.updatedAt()))
            .execute());
  }

  @Override
  public Optional<WebhookEndpoint> find(EndpointId id) {
    return tx.withHandle(h ->
        h.createQuery("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints WHERE id = :id")
            .bind("id", id.value())
            .map((rs, ctx) -> endpoint(rs))
            .findOne());
  }

  @Override
  public List<WebhookEndpoint> list(UserId owner) {
    return tx.withHandle(h ->
        h.createQuery(
                "SELECT "
                    + ENDPOINT_COLUMNS
                    + " FROM webhook_endpoints WHERE user_id = :user ORDER BY created_at, id")
            .bind("user", owner.value())
            .map((rs, ctx) -> endpoint(rs))
            .list());
  }

  @Override
  public boolean update(WebhookEndpoint endpoint) {
    return tx.withHandle(h ->
        h.createUpdate(
                """
                UPDATE webhook_endpoints SET url = :url, description = :description,
                    event_types = :types, enabled = :enabled, disabled_reason = :reason,
                    failing_since = :failingSince, updated_at = :updatedAt
                WHERE id = :id\
                """)
            .bind("id", endpoint.id().value())
            .bind("url", endpoint.url().toString())
            .bind("description", endpoint.description())
            .bind("types", SqlArrays.of(String.class, endpoint.eventTypes()))
            .bind("enabled", endpoint.enabled())
            .bind(
                "reason", endpoint.disabled().map(WebhookEndpoint.Disabled::wireName).orElse(null))
            .bind("failingSince", Rows.timestamp(endpoint.failingSince()))
            .bind("updatedAt", Rows.timestamp(endpoint.updatedAt()))
            .execute())
        == 1;
  }

  @Override
  public boolean rotate(EndpointId id, String secret, Instant previousUntil, Instant now) {
    return tx.withHandle(h ->
        h.createUpdate(
                """
                UPDATE webhook_endpoints SET previous_secret = secret, secret = :secret,
                    previous_until = :until, updated_at = :now
                WHERE id = :id\
                """)
            .bind("id", id.value())
            .bind("secret", secret)
            .bind("until", Rows.timestamp(previousUntil))
            .bind("now", Rows.timestamp(now))
            .execute())
        == 1;
  }

  @Override
  public boolean delete(EndpointId id) {
    return tx.withHandle(h ->
        h.createUpdate("DELETE FROM webhook_endpoints WHERE id = :id")
            .bind("id", id.value())
            .execute())
        == 1;
  }

  @Override
  public Optional<FeedPosition> lockOutbox() {
    return tx.withHandle(h ->
        h.createQuery(
                "SELECT tx::text AS tx, seq FROM webhook_outbox_position FOR UPDATE SKIP LOCKED")
            .map((rs, ctx) ->
                new FeedPosition(Long.parseLong(rs.getString("tx")), rs.getLong("seq")))
            .findOne());
  }

  @Override
  public void moveOutbox(FeedPosition to) {
    tx.withHandle(h ->
        h.createUpdate("UPDATE webhook_outbox_position SET tx = CAST(:tx AS xid8), seq = :seq")
            .bind("tx", Long.toString(to.transaction()))
            .bind("seq", to.sequence())
            .execute());
  }

  @Override
  public List<WebhookEndpoint> receivingEndpoints(Collection<UserId> owners) {
    if (owners.isEmpty()) {
      return List.of();
    }
    return tx.withHandle(h ->
        h.createQuery(
                "SELECT "
                    + ENDPOINT_COLUMNS
                    + " FROM webhook_endpoints WHERE user_id = ANY(:users)"
                    + " AND (enabled OR disabled_reason = 'failing')")
            .bind("users", SqlArrays.of(UUID.class, owners.stream().map(UserId::value).toList()))
            .map((rs, ctx) -> endpoint(rs))
            .list());
  }

  @Override
  public int enqueue(List<NewDelivery> deliveries) {
    return tx.withHandle(h -> {
      var batch =
          h.prepareBatch(
              """
              INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, batch_id,
                  payload, next_attempt_at, created_at, retry_until)
              VALUES (:id, :endpoint, :event, :type, :batch, :payload, :at, :at, :until)
              ON CONFLICT (endpoint_id, event_id) DO NOTHING\
              """);
      for (NewDelivery d : deliveries) {
        batch
            .bind("id", d.id())
            .bind("endpoint", d.endpoint().value())
            .bind("event", d.eventId())
            .bind("type", d.eventType())
            .bind("batch", d.batch().value())
            .bind("payload", d.payload())
            .bind("at", Rows.timestamp(d.createdAt()))
            .bind("until", Rows.timestamp(d.retryUntil()))
            .add();
      }
      return Arrays.stream(batch.execute()).sum();
    });
  }

  /**
   * Takes due rows in the order they fell due, skipping rows another claim holds this instant, and
   * leases them by moving their due time past the lease: one statement, so a row is never claimed
   * twice.
   */
  @Override
  public List<DueDelivery> claim(Instant now, Instant leaseUntil, int limit) {
    return tx.withHandle(h ->
        h.createQuery(
                """
                WITH due AS (
                  SELECT d.id FROM webhook_deliveries d
                  JOIN webhook_endpoints w ON w.id = d.endpoint_id
                  WHERE d.status = 'pending' AND d.next_attempt_at <= :now AND w.enabled
                  ORDER BY d.next_attempt_at
                  LIMIT :limit
                  FOR UPDATE OF d SKIP LOCKED
                )
                UPDATE webhook_deliveries d
                SET next_attempt_at = :leaseUntil, lease_token = d.lease_token + 1,
                    attempts = d.attempts + 1
                FROM due, webhook_endpoints w
                WHERE d.id = due.id AND w.id = d.endpoint_id
                RETURNING d.id, d.endpoint_id, w.url, w.secret,
                    CASE WHEN w.previous_until > :now THEN w.previous_secret END AS previous_secret,
                    d.event_id, d.payload, d.attempts, d.lease_token, d.retry_until\
                """)
            .bind("now", Rows.timestamp(now))
            .bind("leaseUntil", Rows.timestamp(leaseUntil))
            .bind("limit", limit)
            .map((rs, ctx) -> {
              List<String> secrets = new ArrayList<>(2);
              secrets.add(rs.getString("secret"));
              String previous = rs.getString("previous_secret");
              if (previous != null) {
                secrets.add(previous);
              }
              return new DueDelivery(
                  Rows.uuid(rs, "id"),
                  new EndpointId(Rows.uuid(rs, "endpoint_id")),
                  URI.create(rs.getString("url")),
                  secrets,
                  rs.getString("event_id"),
                  rs.getString("payload"),
                  rs.getInt("attempts"),
                  rs.getLong("lease_token"),
                  Rows.instant(rs, "retry_until"));
            })
            .list());
  }

  @Override
  public boolean record(DueDelivery delivery, Delivery.Attempt attempt, Outcome outcome) {
    return tx.withHandle(h -> {
      String status;
      Instant next;
      Optional<Instant> deliveredAt = Optional.empty();
      switch (outcome) {
        case Outcome.Delivered d -> {
          status = "delivered";
          next = d.at();
          deliveredAt = Optional.of(d.at());
        }
        case Outcome.Retry r -> {
          status = "pending";
          next = r.next();
        }
        case Outcome.GaveUp g -> {
          status = "failed";
          next = g.now();
        }
      }
      int fenced =
          h.createUpdate(
                  """
                  UPDATE webhook_deliveries SET status = :status, next_attempt_at = :next,
                      delivered_at = :deliveredAt
                  WHERE id = :id AND lease_token = :token AND status = 'pending'\
                  """)
              .bind("id", delivery.id())
              .bind("token", delivery.leaseToken())
              .bind("status", status)
              .bind("next", Rows.timestamp(next))
              .bind("deliveredAt", Rows.timestamp(deliveredAt))
              .execute();
      if (fenced == 0) {
        return false;
      }
      h.createUpdate(
              """
              INSERT INTO webhook_attempts (delivery_id, attempt, at, duration_ms, status_code,
                  error, response_prefix)
              VALUES (:id, :attempt, :at, :duration, :code, :error, :prefix)
              ON CONFLICT (delivery_id, attempt) DO NOTHING\
              """)
          .bind("id", delivery.id())
          .bind("attempt", attempt.number())
          .bind("at", Rows.timestamp(attempt.at()))
          .bind("duration", (int) Math.min(Integer.MAX_VALUE, attempt.durationMillis()))
          .bind("code", attempt.statusCode().isPresent() ? attempt.statusCode().getAsInt() : null)
          .bind("error", attempt.error().orElse(null))
          .bind("prefix", attempt.responsePrefix())
          .execute();
      health(h, delivery.endpoint(), outcome);
      return true;
    });
  }

  /** A success ends the endpoint's failing streak; a failure starts it, or disables it at last. */
  private static void health(Handle h, EndpointId endpoint, Outcome outcome) {
    switch (outcome) {
      case Outcome.Delivered d ->
          h.createUpdate(
                  "UPDATE webhook_endpoints SET failing_since = NULL"
                      + " WHERE id = :id AND failing_since IS NOT NULL")
              .bind("id", endpoint.value())
              .execute();
      case Outcome.Retry r -> failing(h, endpoint, r.now(), r.disableIfFailingSince());
      case Outcome.GaveUp g -> failing(h, endpoint, g.now(), g.disableIfFailingSince());
    }
  }

  private static void failing(Handle h, EndpointId endpoint, Instant now, Instant disableIfSince) {
    h.createUpdate(
            """
            UPDATE webhook_endpoints SET
                failing_since = coalesce(failing_since, :now),
                enabled = enabled AND coalesce(failing_since, :now) > :cutoff,
                disabled_reason = CASE
                    WHEN enabled AND coalesce(failing_since, :now) <= :cutoff THEN 'failing'
                    ELSE disabled_reason END,
                updated_at = CASE
                    WHEN enabled AND coalesce(failing_since, :now) <= :cutoff THEN :now
                    ELSE updated_at END
            WHERE id = :id\
            """)
        .bind("id", endpoint.value())
        .bind("now", Rows.timestamp(now))
        .bind("cutoff", Rows.timestamp(disableIfSince))
        .execute();
  }

  @Override
  public List<Delivery> deliveries(EndpointId endpoint, int limit) {
    return tx.withHandle(h -> {
      Map<UUID, Delivery> byId = new LinkedHashMap<>();
      h.createQuery(
              """
              SELECT id, endpoint_id, event_id, event_type, batch_id, payload, status, attempts,
                  next_attempt_at, created_at, delivered_at
              FROM webhook_deliveries WHERE endpoint_id = :endpoint
              ORDER BY created_at DESC, id DESC LIMIT :limit\
              """)
          .bind("endpoint", endpoint.value())
          .bind("limit", limit)
          .map((rs, ctx) -> delivery(rs))
          .forEach(d -> byId.put(d.id(), d));
      if (byId.isEmpty()) {
        return List.of();
      }
      Map<UUID, List<Delivery.Attempt>> attempts = new LinkedHashMap<>();
      h.createQuery(
              """
              SELECT delivery_id, attempt, at, duration_ms, status_code, error, response_prefix
              FROM webhook_attempts WHERE delivery_id = ANY(:ids)
              ORDER BY delivery_id, attempt\
              """)
          .bind("ids", SqlArrays.of(UUID.class, byId.keySet()))
          .map((rs, ctx) -> Map.entry(Rows.uuid(rs, "delivery_id"), attempt(rs)))
          .forEach(
              e -> attempts.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
      return byId.values().stream()
          .map(d ->
              new Delivery(
                  d.id(),
                  d.endpoint(),
                  d.eventId(),
                  d.eventType(),
                  d.batch(),
                  d.payload(),
                  d.status(),
                  d.attemptCount(),
                  d.nextAttemptAt(),
                  d.createdAt(),
                  d.deliveredAt(),
                  attempts.getOrDefault(d.id(), List.of())))
          .toList();
    });
  }

  @Override
  public boolean redeliver(EndpointId endpoint, UUID delivery, Instant now, Instant retryUntil) {
    return tx.withHandle(h ->
        h.createUpdate(
                """
                UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = :now,
                    retry_until = :until, delivered_at = NULL, lease_token = lease_token + 1
                WHERE id = :id AND endpoint_id = :endpoint\
                """)
            .bind("id", delivery)
            .bind("endpoint", endpoint.value())
            .bind("now", Rows.timestamp(now))
            .bind("until", Rows.timestamp(retryUntil))
            .execute())
        == 1;
  }

  private static WebhookEndpoint endpoint(ResultSet rs) throws SQLException {
    String reason = rs.getString("disabled_reason");
    String[] types = (String[]) rs.getArray("event_types").getArray();
    return new WebhookEndpoint(
        new EndpointId(Rows.uuid(rs, "id")),
        new UserId(Rows.uuid(rs, "user_id")),
        URI.create(rs.getString("url")),
        rs.getString("description"),
        Set.of(types),
        rs.getBoolean("enabled")
            ? Optional.empty()
            : Optional.of(
                WebhookEndpoint.Disabled.valueOf(
                    (reason == null ? "owner" : reason).toUpperCase(Locale.ROOT))),
        Rows.optionalInstant(rs, "failing_since"),
        Rows.instant(rs, "created_at"),
        Rows.instant(rs, "updated_at"));
  }

  private static Delivery delivery(ResultSet rs) throws SQLException {
    return new Delivery(
        Rows.uuid(rs, "id"),
        new EndpointId(Rows.uuid(rs, "endpoint_id")),
        rs.getString("event_id"),
        rs.getString("event_type"),
        new BatchId(Rows.uuid(rs, "batch_id")),
        rs.getString("payload"),
        Delivery.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
        rs.getInt("attempts"),
        Rows.instant(rs, "next_attempt_at"),
        Rows.instant(rs, "created_at"),
        Rows.optionalInstant(rs, "delivered_at"),
        List.of());
  }

  private static Delivery.Attempt attempt(ResultSet rs) throws SQLException {
    int code = rs.getInt("status_code");
    OptionalInt status = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(code);
    String prefix = rs.getString("response_prefix");
    return new Delivery.Attempt(
        rs.getInt("attempt"),
        Rows.instant(rs, "at"),
        rs.getInt("duration_ms"),
        status,
        Optional.ofNullable(rs.getString("error")),
        prefix == null ? "" : prefix);
  }
}
