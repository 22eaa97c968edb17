package dev.spool.application.webhook;

import java.util.Objects;
import java.util.UUID;

/** Identifies a webhook endpoint. */
public record EndpointId(UUID value) {
  public EndpointId {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
