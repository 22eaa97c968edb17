package dev.spool.application.service;

import dev.spool.application.dispatch.BatchSettler;
import dev.spool.application.port.in.CancelBatch;
import dev.spool.application.port.in.CreateBatch;
import dev.spool.application.port.in.DeleteBatch;
import dev.spool.application.port.in.GetBatch;
import dev.spool.application.port.in.GetQuestion;
import dev.spool.application.port.in.ListBatches;
import dev.spool.application.port.in.ListItems;
import dev.spool.application.port.in.PauseBatch;
import dev.spool.application.port.in.ResumeBatch;
import dev.spool.application.port.in.RetryFailedItems;
import dev.spool.application.port.in.WatchBatch;
import dev.spool.application.port.out.SpoolPorts;
import dev.spool.domain.config.ConfigLimits;
import java.util.UUID;
import java.util.function.Supplier;

/** Builds every use case over one set of ports. */
public final class UseCases {
  private final CreateBatch createBatch;
  private final PauseBatch pauseBatch;
  private final ResumeBatch resumeBatch;
  private final CancelBatch cancelBatch;
  private final RetryFailedItems retryFailedItems;
  private final DeleteBatch deleteBatch;
  private final GetBatch getBatch;
  private final ListBatches listBatches;
  private final ListItems listItems;
  private final GetQuestion getQuestion;
  private final WatchBatch watchBatch;

  /**
   * @param workAvailable told when a batch may have new work (or a cancelled or deleted batch bulk
   *     work to finish), so the dispatcher looks at once
   */
  public UseCases(
      SpoolPorts ports,
      BatchSettler settler,
      ConfigLimits limits,
      Supplier<UUID> ids,
      Runnable workAvailable) {
    StatusChanges changes =
        new StatusChanges(
            ports.batches(), ports.transactions(), ports.events(), settler, ports.clock());
    this.createBatch =
        new CreateBatchService(
            ports.batches(),
            ports.transactions(),
            ports.events(),
            settler,
            ports.clock(),
            limits,
            ids,
            workAvailable);
    this.pauseBatch = new PauseBatchService(changes);
    this.resumeBatch = new ResumeBatchService(changes, workAvailable);
    this.cancelBatch = new CancelBatchService(changes, ports.items(), workAvailable);
    this.retryFailedItems = new RetryFailedItemsService(changes, ports.items(), workAvailable);
    this.deleteBatch = new DeleteBatchService(ports.batches(), ports.transactions(), workAvailable);
    this.getBatch = new GetBatchService(ports.batches(), ports.items(), settler);
    this.listBatches = new ListBatchesService(ports.batches(), settler);
    this.listItems = new ListItemsService(ports.batches(), ports.items());
    this.getQuestion = new GetQuestionService(ports.batches(), ports.items());
    this.watchBatch = new WatchBatchService(ports.batches(), ports.events(), settler);
  }

  public CreateBatch createBatch() {
    return createBatch;
  }

  public PauseBatch pauseBatch() {
    return pauseBatch;
  }

  public ResumeBatch resumeBatch() {
    return resumeBatch;
  }

  public CancelBatch cancelBatch() {
    return cancelBatch;
  }

  public RetryFailedItems retryFailedItems() {
    return retryFailedItems;
  }

  public DeleteBatch deleteBatch() {
    return deleteBatch;
  }

  public GetBatch getBatch() {
    return getBatch;
  }

  public ListBatches listBatches() {
    return listBatches;
  }

  public ListItems listItems() {
    return listItems;
  }

  public GetQuestion getQuestion() {
    return getQuestion;
  }

  public WatchBatch watchBatch() {
    return watchBatch;
  }
}
