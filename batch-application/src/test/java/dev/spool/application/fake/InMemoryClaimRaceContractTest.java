package dev.spool.application.fake;

import dev.spool.application.contract.ClaimRaceContract;
import dev.spool.application.contract.StorePorts;
import java.time.Duration;

class InMemoryClaimRaceContractTest extends ClaimRaceContract {
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
