package dev.spool.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.application.port.in.Actor;
import dev.spool.application.webhook.Delivery;
import dev.spool.application.webhook.EndpointId;
import dev.spool.application.webhook.ManageWebhooks;
import dev.spool.application.webhook.WebhookEndpoint;
import dev.spool.application.webhook.WebhookEventTypes;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The webhook API under {@code /api/v1/webhooks}: an owner's endpoints, their secrets (shown once,
 * at creation and rotation), and their delivery log with redelivery.
 */
final class WebhookRoutes {
  static final String BASE = BatchRoutes.BASE_V1 + "/webhooks";
  static final String ENDPOINT = BASE + "/{webhookId}";
  private static final int DEFAULT_DELIVERIES = 20;

  private final ManageWebhooks webhooks;
  private final Authentication auth;
  private final ObjectMapper mapper;
  private final long maxBody;

  WebhookRoutes(ManageWebhooks webhooks, Authentication auth, ObjectMapper mapper, long maxBody) {
    this.webhooks = webhooks;
    this.auth = auth;
    this.mapper = mapper;
    this.maxBody = maxBody;
  }

  void register(JavalinConfig config) {
    var routes = config.routes;
    routes.post(BASE, this::create);
    routes.get(BASE, this::list);
    routes.get(ENDPOINT, this::get);
    routes.patch(ENDPOINT, this::update);
    routes.delete(ENDPOINT, this::delete);
    routes.post(ENDPOINT + "/rotate-secret", this::rotate);
    routes.get(ENDPOINT + "/deliveries", this::deliveries);
    routes.post(ENDPOINT + "/deliveries/{deliveryId}/redeliver", this::redeliver);
  }

  private void create(Context ctx) {
    Actor actor = auth.actor(ctx);
    JsonNode body =
        object(Requests.jsonBody(ctx, maxBody), Set.of("url", "eventTypes", "description"));
    var registered =
        webhooks.register(
            actor,
            new ManageWebhooks.Draft(
                text(body, "url").orElse(""),
                types(body).orElse(Set.of()),
                text(body, "description").orElse("")));
    Map<String, Object> data = endpoint(registered.endpoint());
    data.put("secret", registered.secret());
    ctx.header("Location", BASE + "/" + registered.endpoint().id());
    ctx.status(201).json(Envelope.ok(data));
  }

  private void list(Context ctx) {
    Actor actor = auth.actor(ctx);
    ctx.json(
        Envelope.ok(
            Map.of(
                "items",
                webhooks.list(actor).stream().map(WebhookRoutes::endpoint).toList(),
                "eventTypes",
                WebhookEventTypes.ALL)));
  }

  private void get(Context ctx) {
    Actor actor = auth.actor(ctx);
    ctx.json(Envelope.ok(endpoint(webhooks.get(actor, id(ctx)))));
  }

  private void update(Context ctx) {
    Actor actor = auth.actor(ctx);
    EndpointId id = id(ctx);
    JsonNode body =
        object(
            Requests.jsonBody(ctx, maxBody), Set.of("url", "eventTypes", "description", "enabled"));
    Optional<Boolean> enabled = Optional.empty();
    JsonNode on = body.get("enabled");
    if (on != null) {
      if (!on.isBoolean()) {
        throw ApiError.invalid("enabled", "wrong_type", "enabled must be true or false");
      }
      enabled = Optional.of(on.booleanValue());
    }
    var change =
        new ManageWebhooks.Change(
            text(body, "url"), types(body), text(body, "description"), enabled);
    ctx.json(Envelope.ok(endpoint(webhooks.update(actor, id, change))));
  }

  private void delete(Context ctx) {
    Actor actor = auth.actor(ctx);
    EndpointId id = id(ctx);
    webhooks.delete(actor, id);
    ctx.json(Envelope.ok(Map.of("id", id.value(), "deleted", true)));
  }

  private void rotate(Context ctx) {
    Actor actor = auth.actor(ctx);
    var rotated = webhooks.rotateSecret(actor, id(ctx));
    Map<String, Object> data = endpoint(rotated.endpoint());
    data.put("secret", rotated.secret());
    ctx.json(Envelope.ok(data));
  }

  private void deliveries(Context ctx) {
    Actor actor = auth.actor(ctx);
    EndpointId id = id(ctx);
    int limit = Requests.wholeNumber(ctx, "limit").orElse(DEFAULT_DELIVERIES);
    List<Map<String, Object>> items =
        webhooks.deliveries(actor, id, limit).stream().map(WebhookRoutes::delivery).toList();
    ctx.json(Envelope.ok(Map.of("items", items)));
  }

  private void redeliver(Context ctx) {
    Actor actor = auth.actor(ctx);
    EndpointId id = id(ctx);
    UUID delivery = Requests.uuid(ctx, "deliveryId");
    webhooks.redeliver(actor, id, delivery);
    ctx.status(202).json(Envelope.ok(Map.of("deliveryId", delivery, "status", "pending")));
  }

  private static EndpointId id(Context ctx) {
    return new EndpointId(Requests.uuid(ctx, "webhookId"));
  }

  private JsonNode object(byte[] json, Set<String> fields) {
    JsonNode body = Requests.jsonObject(mapper, json);
    Requests.onlyFields(body, fields, "");
    return body;
  }

  private static Optional<String> text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw ApiError.invalid(field, "wrong_type", field + " must be a string");
    }
    return Optional.of(value.textValue());
  }

  private static Optional<Set<String>> types(JsonNode body) {
    JsonNode value = body.get("eventTypes");
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isArray()) {
      throw ApiError.invalid(
          "eventTypes", "wrong_type", "eventTypes must be an array of event type names");
    }
    Set<String> types = new LinkedHashSet<>();
    for (JsonNode type : value) {
      if (!type.isTextual()) {
        throw ApiError.invalid(
            "eventTypes", "wrong_type", "eventTypes must be an array of event type names");
      }
      types.add(type.textValue());
    }
    return Optional.of(types);
  }

  static Map<String, Object> endpoint(WebhookEndpoint endpoint) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", endpoint.id().value());
    data.put("url", endpoint.url().toString());
    data.put("description", endpoint.description());
    data.put("eventTypes", List.copyOf(endpoint.eventTypes()));
    data.put("enabled", endpoint.enabled());
    data.put(
        "disabledReason", endpoint.disabled().map(WebhookEndpoint.Disabled::wireName).orElse(null));
    data.put("failingSince", endpoint.failingSince().orElse(null));
    data.put("createdAt", endpoint.createdAt());
    data.put("updatedAt", endpoint.updatedAt());
    return data;
  }

  static Map<String, Object> delivery(Delivery delivery) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", delivery.id());
    data.put("eventId", delivery.eventId());
    data.put("eventType", delivery.eventType());
    data.put("batchId", delivery.batch().value());
    data.put("status", delivery.status().wireName());
    data.put("attemptCount", delivery.attemptCount());
    data.put(
        "nextAttemptAt",
        delivery.status() == Delivery.Status.PENDING ? delivery.nextAttemptAt() : null);
    data.put("createdAt", delivery.createdAt());
    data.put("deliveredAt", delivery.deliveredAt().orElse(null));
    data.put(
        "attempts",
        delivery.attempts().stream()
            .map(a -> {
              Map<String, Object> attempt = new LinkedHashMap<>();
              attempt.put("attempt", a.number());
              attempt.put("at", a.at());
              attempt.put("durationMs", a.durationMillis());
              attempt.put(
                  "statusCode", a.statusCode().isPresent() ? a.statusCode().getAsInt() : null);
              attempt.put("error", a.error().orElse(null));
              attempt.put("responsePrefix", a.responsePrefix());
              return attempt;
            })
            .toList());
    return data;
  }
}
