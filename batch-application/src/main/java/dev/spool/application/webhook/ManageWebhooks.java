package dev.spool.application.webhook;

import dev.spool.application.port.in.Actor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An owner's webhook endpoints: register, read, change, rotate, delete, and their delivery log.
 * Every call acts on the caller's own endpoints; another owner's answer {@link WebhookNotFound}.
 */
public interface ManageWebhooks {

  /**
   * Registers an endpoint and makes its signing secret, which is returned here only.
   *
   * @throws InvalidWebhook for a URL that may not receive webhooks, unknown event types, or too
   *     many endpoints
   */
  Registered register(Actor actor, Draft draft);

  List<WebhookEndpoint> list(Actor actor);

  WebhookEndpoint get(Actor actor, EndpointId id);

  /**
   * Changes what is given. While its owner has it disabled, an endpoint gets no deliveries of the
   * events that happen. Enabling an endpoint that was disabled for failing clears its streak, and
   * the deliveries that waited go out.
   */
  WebhookEndpoint update(Actor actor, EndpointId id, Change change);

  /**
   * A new signing secret, returned here only. The old one goes on signing beside it for the
   * runtime's overlap, so a receiver can switch without losing a delivery.
   */
  Registered rotateSecret(Actor actor, EndpointId id);

  /** Deletes the endpoint with its deliveries and their log. */
  void delete(Actor actor, EndpointId id);

  /** The endpoint's latest deliveries, newest first, with every attempt. */
  List<Delivery> deliveries(Actor actor, EndpointId id, int limit);

  /**
   * Sends a delivery again now, with the same {@code webhook-id}, and its retries counted from now.
   */
  void redeliver(Actor actor, EndpointId id, UUID delivery);

  /** A new endpoint as asked for; {@link ManageWebhooks#register} checks it. */
  record Draft(String url, Set<String> eventTypes, String description) {
    public Draft {
      Objects.requireNonNull(url, "url");
      eventTypes = Set.copyOf(eventTypes);
      Objects.requireNonNull(description, "description");
    }
  }

  /** A change to an endpoint: each field given replaces the current one. */
  record Change(
      Optional<String> url,
      Optional<Set<String>> eventTypes,
      Optional<String> description,
      Optional<Boolean> enabled) {
    public Change {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(eventTypes, "eventTypes");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(enabled, "enabled");
    }
  }

  /** An endpoint with its new signing secret, which is shown this once. */
  record Registered(WebhookEndpoint endpoint, String secret) {
    @Override
    public String toString() {
      return "Registered[" + endpoint + "]";
    }
  }
}
