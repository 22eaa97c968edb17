package dev.spool.adapter.persistence;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the PostgreSQL store keeps house.
 *
 * @param eventRetention how long events of finished batches are kept
 * @param batchRetention how long finished batches are kept, if they are ever removed
 * @param cleanupEvery how often retention runs
 * @param safetyPoll how often watched batches are re-read in case a notification was lost
 */
public record PostgresSettings(
    Duration eventRetention,
    Optional<Duration> batchRetention,
    Duration cleanupEvery,
    Duration safetyPoll) {

  public PostgresSettings {
    Objects.requireNonNull(eventRetention, "eventRetention");
    Objects.requireNonNull(batchRetention, "batchRetention");
    Objects.requireNonNull(cleanupEvery, "cleanupEvery");
    Objects.requireNonNull(safetyPoll, "safetyPoll");
  }

  /** Events kept 7 days after a batch finishes; batches kept; retention hourly. */
  public static PostgresSettings defaults() {
    return new PostgresSettings(
        Duration.ofDays(7), Optional.empty(), Duration.ofHours(1), Duration.ofSeconds(2));
  }
}
