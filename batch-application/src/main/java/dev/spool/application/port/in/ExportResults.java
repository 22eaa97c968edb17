package dev.spool.application.port.in;

import dev.spool.application.model.ResultRow;
import dev.spool.domain.batch.BatchId;
import java.util.function.Consumer;

/** A batch's results in bulk: its completed questions, and on request its failed items. */
public interface ExportResults {

  /**
   * Checks that {@code actor} owns the batch, and returns its results to read. A batch still
   * running exports what is done so far.
   *
   * @throws dev.spool.domain.batch.BatchNotFound for an unknown id
   * @throws dev.spool.domain.batch.NotBatchOwner for another user's batch
   */
  Results open(Actor actor, BatchId batch, boolean includeFailed);

  /** The results of one batch, read in item order a page at a time: memory stays constant. */
  interface Results {
    /** Hands each row to {@code each}, in item order. */
    void forEach(Consumer<ResultRow> each);
  }
}
