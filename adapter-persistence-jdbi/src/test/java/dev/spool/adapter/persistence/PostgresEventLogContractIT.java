package dev.spool.adapter.persistence;

import dev.spool.application.contract.EventLogContract;
import dev.spool.application.contract.StorePorts;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresEventLogContractIT extends EventLogContract {
  private static PostgresStoreFixture fixture;

  @BeforeAll
  static void open() {
    fixture = new PostgresStoreFixture();
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  @Override
  protected StorePorts createStore() {
    return fixture.emptied();
  }

  @Override
  protected void passTime(Duration duration) {
    PostgresStoreFixture.sleep(duration);
  }
}
