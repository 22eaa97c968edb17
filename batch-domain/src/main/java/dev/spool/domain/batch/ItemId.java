package dev.spool.domain.batch;

import java.util.Objects;
import java.util.UUID;

/** Identifies one item of a batch. */
public record ItemId(UUID value) {
  public ItemId {
    Objects.requireNonNull(value, "value");
  }

  public static ItemId of(UUID value) {
    return new ItemId(value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
