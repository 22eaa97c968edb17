package dev.spool.application.fake;

import dev.spool.application.contract.EventLogContract;
import dev.spool.application.contract.StorePorts;
import java.time.Duration;

class InMemoryEventLogContractTest extends EventLogContract {
  private InMemorySpool spool;

  @Override
  protected StorePorts createStore() {
    spool = new InMemorySpool();
    return InMemoryStoreContractTest.portsOf(spool);
  }

  @Override
  protected void passTime(Duration duration) {
    spool.clock().advance(duration);
  }
}
