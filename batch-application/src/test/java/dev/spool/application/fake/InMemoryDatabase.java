package dev.spool.application.fake;

import dev.spool.application.model.StoredEvent;
import dev.spool.application.model.StoredQuestion;
import dev.spool.application.port.out.Transactions;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.config.BatchConfig;
import dev.spool.domain.question.QuestionId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The state behind the in-memory fakes, with real transactions: one writer at a time (a global
 * lock, which also serialises claims against pauses), a snapshot restored on rollback, and hooks
 * that run at commit while the lock is still held, so deliveries keep commit order.
 */
public final class InMemoryDatabase implements Transactions {
  private final ReentrantLock lock = new ReentrantLock();
  private final ThreadLocal<List<Runnable>> commitHooks = new ThreadLocal<>();
  private final Clock clock;
  private State state = new State();

  public InMemoryDatabase(Clock clock) {
    this.clock = clock;
  }

  public Clock clock() {
    return clock;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (commitHooks.get() != null) {
      return work.get();
    }
    lock.lock();
    State snapshot = state.copy();
    List<Runnable> hooks = new ArrayList<>();
    commitHooks.set(hooks);
    try {
      T result = work.get();
      hooks.forEach(Runnable::run);
      return result;
    } catch (RuntimeException | Error e) {
      state = snapshot;
      throw e;
    } finally {
      commitHooks.remove();
      lock.unlock();
    }
  }

  /** Runs {@code hook} when the current transaction commits, in commit order. */
  void onCommit(Runnable hook) {
    List<Runnable> hooks = commitHooks.get();
    if (hooks == null) {
      throw new IllegalStateException("onCommit outside a transaction");
    }
    hooks.add(hook);
  }

  /** The state, for use inside {@link #inTransaction}. */
  State state() {
    if (!lock.isHeldByCurrentThread()) {
      throw new IllegalStateException("in-memory state read outside a transaction");
    }
    return state;
  }

  /** Everything the fakes store. Maps hold immutable values, so a shallow copy is a snapshot. */
  static final class State {
    LinkedHashMap<BatchId, Batch> batches = new LinkedHashMap<>();
    HashMap<BatchId, List<ItemId>> itemsOfBatch = new HashMap<>();
    HashMap<ItemId, BatchItem> items = new HashMap<>();
    HashMap<String, BatchId> idempotencyKeys = new HashMap<>();
    HashMap<BatchId, BatchConfig> fullConfigs = new HashMap<>();
    HashMap<QuestionId, StoredQuestion> questions = new HashMap<>();
    ArrayList<StoredEvent> events = new ArrayList<>();
    HashMap<dev.spool.domain.batch.UserId, dev.spool.domain.fairness.OwnerShare> owners =
        new HashMap<>();
    HashMap<BatchId, Double> batchTimes = new HashMap<>();
    HashMap<dev.spool.domain.batch.ItemId, dev.spool.domain.money.Money> reserved = new HashMap<>();
    long lastSequence;

    State copy() {
      State copy = new State();
      copy.batches = new LinkedHashMap<>(batches);
      copy.itemsOfBatch = new HashMap<>(itemsOfBatch);
      copy.items = new HashMap<>(items);
      copy.idempotencyKeys = new HashMap<>(idempotencyKeys);
      copy.fullConfigs = new HashMap<>(fullConfigs);
      copy.questions = new HashMap<>(questions);
      copy.events = new ArrayList<>(events);
      copy.owners = new HashMap<>(owners);
      copy.batchTimes = new HashMap<>(batchTimes);
      copy.reserved = new HashMap<>(reserved);
      copy.lastSequence = lastSequence;
      return copy;
    }

    List<BatchItem> itemsOf(BatchId batch) {
      return itemsOfBatch.getOrDefault(batch, List.of()).stream().map(items::get).toList();
    }

    void adjust(BatchId batch, java.util.function.UnaryOperator<Batch> change) {
      batches.computeIfPresent(batch, (id, b) -> change.apply(b));
    }
  }
}
