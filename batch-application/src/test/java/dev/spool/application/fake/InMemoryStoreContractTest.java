package dev.spool.application.fake;

import dev.spool.application.contract.StoreContract;
import dev.spool.application.contract.StorePorts;
import java.time.Duration;

class InMemoryStoreContractTest extends StoreContract {
  private InMemorySpool spool;

  static StorePorts portsOf(InMemorySpool spool) {
    return new StorePorts(
        spool.batches(), spool.items(), spool.queue(), spool.events(), spool.database());
  }

  @Override
  protected StorePorts createStore() {
    spool = new InMemorySpool();
    return portsOf(spool);
  }

  @Override
  protected void passTime(Duration duration) {
    spool.clock().advance(duration);
  }
}
