package dev.spool.adapter.persistence;

import dev.spool.application.contract.StorePorts;
import java.time.Duration;
import java.util.Optional;

/** A migrated store over a fresh test database, shared by one test class. */
final class PostgresStoreFixture implements AutoCloseable {
  final TestDatabase database = TestDatabase.create();
  final PostgresStore store =
      PostgresStore.open(
          database.dataSource(),
          new PostgresSettings(
              Duration.ofDays(7),
              Optional.empty(),
              Duration.ofHours(1),
              Duration.ofMillis(500),
              PostgresSettings.DEFAULT_FANOUT_INTERVAL));

  StorePorts ports() {
    return new StorePorts(
        store.batches(), store.items(), store.queue(), store.events(), store.transactions());
  }

  /** An empty store, as a contract test expects. */
  StorePorts emptied() {
    database.truncate();
    return ports();
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    store.close();
    database.close();
  }
}
