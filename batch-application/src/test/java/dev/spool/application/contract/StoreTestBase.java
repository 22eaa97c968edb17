package dev.spool.application.contract;

import static dev.spool.application.contract.StoreFixtures.now;
import static dev.spool.application.contract.StoreFixtures.running;
import static dev.spool.application.contract.StoreFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.contract.StoreFixtures.Planned;
import dev.spool.application.model.PageRequest;
import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.CreateResult;
import dev.spool.application.port.out.ItemOutcome;
import dev.spool.application.port.out.RecordResult;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/** What the store contracts share: a fresh store per test and a few helpers. */
public abstract class StoreTestBase {
  protected static final Duration LEASE = Duration.ofSeconds(30);

  protected StorePorts store;
  protected final UserId owner = user();

  /** A store over an empty database (or one no other test's batches disturb). */
  protected abstract StorePorts createStore();

  /** Moves the store's clock past {@code duration}, by waiting or by a test clock. */
  protected abstract void passTime(Duration duration);

  @BeforeEach
  void openStore() {
    store = createStore();
  }

  protected Planned stored(int size, int concurrency) {
    Planned planned = running(owner, size, concurrency, 2);
    assertThat(store.batches().create(planned.batch(), planned.items()))
        .isInstanceOf(CreateResult.Created.class);
    return planned;
  }

  protected List<ClaimedItem> claim(int max) {
    return store.transactions().inTransaction(() -> store.queue().claim("node-a", max, LEASE));
  }

  protected Batch reload(Batch batch) {
    return store.batches().find(batch.id()).orElseThrow();
  }

  protected RecordResult record(ItemOutcome outcome) {
    return store
        .transactions()
        .inTransaction(() -> store.queue().record(List.of(outcome)))
        .getFirst();
  }

  protected Batch pause(Batch batch) {
    return store
        .transactions()
        .inTransaction(() -> {
          Batch locked = store.batches().lock(batch.id()).orElseThrow();
          return store.batches().update(locked.pause(now())).orElseThrow();
        });
  }

  protected BatchItem itemAt(Batch batch, int position) {
    return store.items().list(batch.id(), Optional.empty(), PageRequest.first(200)).items().stream()
        .filter(i -> i.position() == position)
        .findFirst()
        .orElseThrow();
  }
}
