package dev.spool.application.port.out;

import dev.spool.application.model.Page;
import dev.spool.application.model.PageRequest;
import dev.spool.domain.batch.AdaptiveConcurrency;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.UserId;
import java.util.List;
import java.util.Optional;

/**
 * Where batches live. A batch's item counts are kept by the store itself, as items are claimed and
 * settled; {@link #update} writes only what a status change touches.
 */
public interface BatchStore {

  /**
   * Inserts a batch and all its items at once, unless its owner already has a batch under the same
   * idempotency key; then nothing is inserted and that batch is returned.
   */
  CreateResult create(Batch batch, List<BatchItem> items);

  Optional<Batch> find(BatchId id);

  /**
   * Reads a batch and locks it until the current transaction ends: claims, outcomes and status
   * changes of the same batch wait for it. Call inside {@link Transactions#inTransaction}.
   */
  Optional<Batch> lock(BatchId id);

  /** The owner's batches, newest first, optionally of one status. */
  Page<Batch> list(UserId owner, Optional<BatchStatus> status, PageRequest page);

  /**
   * Writes a status change (status, times, failure reason) if the stored version is still {@code
   * batch.version()}. Returns the batch as stored, with its next version and current counts, or
   * empty if someone else changed it first.
   */
  Optional<Batch> update(Batch batch);

  /**
   * Writes the batch's adapted concurrency, which claims on every node then honour. Call holding
   * the batch's lock.
   */
  void adapt(BatchId id, AdaptiveConcurrency concurrency);

  /**
   * Deletes a batch: at once, no read finds it any more and its idempotency key is free; its items,
   * questions and events are removed afterwards by {@link #purgeDeleted}, in bounded chunks.
   */
  void delete(BatchId id);

  /**
   * Removes up to {@code maxRows} rows of one deleted batch, and the batch itself once nothing of
   * it is left. Returns how many rows went; 0 when no deleted batch is waiting (or another node is
   * purging the only one).
   */
  int purgeDeleted(int maxRows);

  /** Items waiting to run in running batches, over all owners: the work queue's depth. */
  long pendingItems();

  /**
   * The concurrency of running batches, summed over all owners: configured, and in effect after
   * rate limits cut it (adaptive concurrency). The two differ while a provider pushes back.
   */
  ConcurrencyTotals runningConcurrency();

  /** Sums of the configured and the effective concurrency of running batches. */
  record ConcurrencyTotals(long configured, long effective) {}
}
