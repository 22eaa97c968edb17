package dev.spool.example;

import dev.spool.adapter.persistence.PostgresSettings;
import dev.spool.adapter.persistence.PostgresStore;
import dev.spool.application.Spool;
import dev.spool.application.port.out.QuestionGenerator;
import dev.spool.application.port.out.SpoolPorts;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The README's embedding example, built against the installed artifacts and run by {@code
 * EmbeddedSpoolTest} (.ci/examples-check does both from a clean local repository): Spool
 * inside another service, on that service's own DataSource and question generator.
 */
public final class EmbeddedSpool {
  private EmbeddedSpool() {}

  // README:begin
  public static Spool wire(DataSource dataSource, QuestionGenerator myGenerator) {
    PostgresStore store = PostgresStore.open(dataSource, PostgresSettings.defaults()); // migrates
    SpoolPorts ports =
        store.ports(
            myGenerator,
            store.sharedRateLimiter("my-llm", 20, Optional.of(90_000L)), // 20 req/s, 90k tokens/min
            Clock.systemUTC());
    Spool spool =
        Spool.builder(ports)
            .nodeId("billing-1")
            .closing(store) // spool.close() also stops the store's event listener
            .build();
    spool.start(); // recovers this node's interrupted items, then dispatches
    return spool;
  }
  // README:end
}
