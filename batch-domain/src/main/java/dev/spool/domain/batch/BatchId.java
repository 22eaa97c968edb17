package dev.spool.domain.batch;

import java.util.Objects;
import java.util.UUID;

/** Identifies one batch. */
public record BatchId(UUID value) {
  public BatchId {
    Objects.requireNonNull(value, "value");
  }

  public static BatchId of(UUID value) {
    return new BatchId(value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
