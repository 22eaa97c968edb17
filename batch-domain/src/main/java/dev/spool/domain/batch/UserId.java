package dev.spool.domain.batch;

import java.util.Objects;
import java.util.UUID;

/** Identifies a user, the owner of batches (the token's subject). */
public record UserId(UUID value) {
  public UserId {
    Objects.requireNonNull(value, "value");
  }

  public static UserId of(UUID value) {
    return new UserId(value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
