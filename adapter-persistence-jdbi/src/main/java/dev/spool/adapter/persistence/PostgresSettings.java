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
 * @param fanoutInterval how often at most a watched batch's new events are read and handed to its
 *     subscribers; the first change after a quiet spell goes out at once, and zero sends every
 *     commit as it comes
 */
public record PostgresSettings(
    Duration eventRetention,
    Optional<Duration> batchRetention,
    Duration cleanupEvery,
    Duration safetyPoll,
    Duration fanoutInterval) {

  public PostgresSettings {
    Objects.requireNonNull(eventRetention, "eventRetention");
    Objects.requireNonNull(batchRetention, "batchRetention");
    Objects.requireNonNull(cleanupEvery, "cleanupEvery");
    Objects.requireNonNull(safetyPoll, "safetyPoll");
    Objects.requireNonNull(fanoutInterval, "fanoutInterval");
    if (fanoutInterval.isNegative()) {
      throw new IllegalArgumentException("fanoutInterval must not be negative");
    }
  }

  /**
   * Events kept 7 days after a batch finishes; batches kept; retention hourly; a watched batch read
   * at most every {@link #DEFAULT_FANOUT_INTERVAL}.
   */
  public static PostgresSettings defaults() {
    return new PostgresSettings(
        Duration.ofDays(7),
        Optional.empty(),
        Duration.ofHours(1),
        Duration.ofSeconds(2),
        DEFAULT_FANOUT_INTERVAL);
  }

  public static final Duration DEFAULT_FANOUT_INTERVAL = Duration.ofMillis(25);

  /** These settings, with watched batches read at most every {@code interval}. */
  public PostgresSettings withFanoutInterval(Duration interval) {
    return new PostgresSettings(eventRetention, batchRetention, cleanupEvery, safetyPoll, interval);
  }
}
