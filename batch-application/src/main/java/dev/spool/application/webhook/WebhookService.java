package dev.spool.application.webhook;

import dev.spool.application.port.in.Actor;
import dev.spool.application.port.out.Transactions;
import dev.spool.domain.config.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/** {@link ManageWebhooks} over a store, checking addresses with the sender. */
final class WebhookService implements ManageWebhooks {
  static final int MAX_URL = 2_048;
  static final int MAX_DESCRIPTION = 500;
  static final int MAX_DELIVERIES = 100;

  private final WebhookStore store;
  private final WebhookSender sender;
  private final Transactions tx;
  private final Clock clock;
  private final WebhookSettings settings;
  private final Supplier<UUID> ids;
  private final Runnable deliveriesDue;
  private final SecureRandom random = new SecureRandom();

  WebhookService(
      WebhookStore store,
      WebhookSender sender,
      Transactions tx,
      Clock clock,
      WebhookSettings settings,
      Supplier<UUID> ids,
      Runnable deliveriesDue) {
    this.store = store;
    this.sender = sender;
    this.tx = tx;
    this.clock = clock;
    this.settings = settings;
    this.ids = ids;
    this.deliveriesDue = deliveriesDue;
  }

  @Override
  public Registered register(Actor actor, Draft draft) {
    List<FieldError> errors = new ArrayList<>();
    Optional<URI> url = url(draft.url(), errors);
    Set<String> types = eventTypes(draft.eventTypes(), errors);
    description(draft.description(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidWebhook(errors);
    }
    Instant now = clock.instant();
    WebhookEndpoint endpoint =
        new WebhookEndpoint(
            new EndpointId(ids.get()),
            actor.id(),
            url.orElseThrow(),
            draft.description().strip(),
            types,
            Optional.empty(),
            Optional.empty(),
            now,
            now);
    String secret = newSecret();
    tx.run(() -> {
      if (store.list(actor.id()).size() >= settings.maxEndpoints()) {
        throw new InvalidWebhook(
            List.of(
                new FieldError(
                    "url",
                    "limit",
                    "an owner may have at most "
                        + settings.maxEndpoints()
                        + " webhook endpoints; delete one first")));
      }
      store.create(endpoint, secret);
    });
    return new Registered(endpoint, secret);
  }

  @Override
  public List<WebhookEndpoint> list(Actor actor) {
    return store.list(actor.id());
  }

  @Override
  public WebhookEndpoint get(Actor actor, EndpointId id) {
    return store
        .find(id)
        .filter(e -> e.owner().equals(actor.id()))
        .orElseThrow(() -> new WebhookNotFound("webhook endpoint " + id));
  }

  @Override
  public WebhookEndpoint update(Actor actor, EndpointId id, Change change) {
    List<FieldError> errors = new ArrayList<>();
    Optional<URI> url = change.url().flatMap(u -> url(u, errors));
    Optional<Set<String>> types = change.eventTypes().map(t -> eventTypes(t, errors));
    change.description().ifPresent(d -> description(d, errors));
    if (!errors.isEmpty()) {
      throw new InvalidWebhook(errors);
    }
    WebhookEndpoint updated =
        tx.inTransaction(() -> {
          WebhookEndpoint current = get(actor, id);
          Optional<WebhookEndpoint.Disabled> disabled =
              change
                  .enabled()
                  .map(on ->
                      on
                          ? Optional.<WebhookEndpoint.Disabled>empty()
                          : Optional.of(WebhookEndpoint.Disabled.OWNER))
                  .orElse(current.disabled());
          boolean reenabled = current.disabled().isPresent() && disabled.isEmpty();
          WebhookEndpoint next =
              new WebhookEndpoint(
                  current.id(),
                  current.owner(),
                  url.orElse(current.url()),
                  change.description().map(String::strip).orElse(current.description()),
                  types.orElse(current.eventTypes()),
                  disabled,
                  reenabled ? Optional.empty() : current.failingSince(),
                  current.createdAt(),
                  clock.instant());
          if (!store.update(next)) {
            throw new WebhookNotFound("webhook endpoint " + id);
          }
          return next;
        });
    if (updated.enabled()) {
      deliveriesDue.run();
    }
    return updated;
  }

  @Override
  public Registered rotateSecret(Actor actor, EndpointId id) {
    String secret = newSecret();
    return tx.inTransaction(() -> {
      WebhookEndpoint endpoint = get(actor, id);
      Instant now = clock.instant();
      if (!store.rotate(id, secret, now.plus(settings.secretOverlap()), now)) {
        throw new WebhookNotFound("webhook endpoint " + id);
      }
      return new Registered(endpoint, secret);
    });
  }

  @Override
  public void delete(Actor actor, EndpointId id) {
    tx.run(() -> {
      get(actor, id);
      store.delete(id);
    });
  }

  @Override
  public List<Delivery> deliveries(Actor actor, EndpointId id, int limit) {
    if (limit < 1 || limit > MAX_DELIVERIES) {
      throw new InvalidWebhook(
          List.of(
              new FieldError(
                  "limit", "out_of_range", "limit must be between 1 and " + MAX_DELIVERIES)));
    }
    get(actor, id);
    return store.deliveries(id, limit);
  }

  @Override
  public void redeliver(Actor actor, EndpointId id, UUID delivery) {
    get(actor, id);
    Instant now = clock.instant();
    if (!store.redeliver(id, delivery, now, now.plus(settings.retryFor()))) {
      throw new WebhookNotFound("delivery " + delivery);
    }
    deliveriesDue.run();
  }

  private Optional<URI> url(String text, List<FieldError> errors) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      errors.add(FieldError.required("url"));
      return Optional.empty();
    }
    if (trimmed.length() > MAX_URL) {
      errors.add(
          new FieldError("url", "too_long", "url must be at most " + MAX_URL + " characters"));
      return Optional.empty();
    }
    URI url;
    try {
      url = new URI(trimmed);
    } catch (URISyntaxException e) {
      errors.add(new FieldError("url", "invalid", "url is not a valid URL: " + e.getReason()));
      return Optional.empty();
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      errors.add(new FieldError("url", "scheme", "url must be an http:// or https:// URL"));
      return Optional.empty();
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      errors.add(new FieldError("url", "invalid", "url must name a host"));
      return Optional.empty();
    }
    if (url.getRawUserInfo() != null) {
      errors.add(
          new FieldError(
              "url",
              "credentials",
              "url must not carry credentials; receivers check the webhook-signature instead"));
      return Optional.empty();
    }
    if (url.getRawFragment() != null) {
      errors.add(new FieldError("url", "invalid", "url must not have a #fragment"));
      return Optional.empty();
    }
    Optional<String> refusal = sender.refusal(url);
    if (refusal.isPresent()) {
      errors.add(new FieldError("url", "refused_address", refusal.get()));
      return Optional.empty();
    }
    return Optional.of(url);
  }

  private static Set<String> eventTypes(Set<String> types, List<FieldError> errors) {
    if (types.isEmpty()) {
      errors.add(
          new FieldError(
              "eventTypes",
              "required",
              "eventTypes needs at least one of " + WebhookEventTypes.ALL));
      return Set.of();
    }
    for (String type : types) {
      if (!WebhookEventTypes.ALL.contains(type)) {
        errors.add(
            new FieldError(
                "eventTypes",
                "unknown",
                "unknown event type '" + type + "'; use any of " + WebhookEventTypes.ALL));
      }
    }
    return types;
  }

  private static void description(String description, List<FieldError> errors) {
    if (description.length() > MAX_DESCRIPTION) {
      errors.add(
          new FieldError(
              "description",
              "too_long",
              "description must be at most " + MAX_DESCRIPTION + " characters"));
    }
  }

  /** A Standard Webhooks secret: {@code whsec_} and 32 random bytes in base64. */
  private String newSecret() {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }
}
