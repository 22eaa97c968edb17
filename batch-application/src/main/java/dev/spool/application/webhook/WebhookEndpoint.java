package dev.spool.application.webhook;

import dev.spool.domain.batch.UserId;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where an owner wants some of their batches' events sent. The signing secret is kept apart: it is
 * shown once, when made, and never read back through the API.
 *
 * @param disabled why it receives nothing: its owner turned it off, or it failed for too long
 * @param failingSince when its current run of failed attempts began; empty after a success
 */
public record WebhookEndpoint(
    EndpointId id,
    UserId owner,
    URI url,
    String description,
    Set<String> eventTypes,
    Optional<Disabled> disabled,
    Optional<Instant> failingSince,
    Instant createdAt,
    Instant updatedAt) {

  /** Why an endpoint is disabled. */
  public enum Disabled {
    /** Its owner disabled it. */
    OWNER,
    /** Every attempt failed for longer than the runtime allows; re-enable it to try again. */
    FAILING;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public WebhookEndpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(description, "description");
    eventTypes = java.util.Collections.unmodifiableSet(new TreeSet<>(eventTypes));
    Objects.requireNonNull(disabled, "disabled");
    Objects.requireNonNull(failingSince, "failingSince");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public boolean enabled() {
    return disabled.isEmpty();
  }
}
