package dev.spool.application.service;

import dev.spool.application.dispatch.BatchSettler;
import dev.spool.application.model.ApprovalPolicy;
import dev.spool.application.model.Pricing;
import dev.spool.application.port.in.UseCases;
import dev.spool.application.port.out.SpoolPorts;
import dev.spool.domain.config.ConfigLimits;
import java.util.UUID;
import java.util.function.Supplier;

/** Builds every use case over one set of ports. */
public final class Services {
  private Services() {}

  /**
   * @param workAvailable told when a batch may have new work (or a cancelled or deleted batch bulk
   *     work to finish), so the dispatcher looks at once
   */
  public static UseCases over(
      SpoolPorts ports,
      BatchSettler settler,
      ConfigLimits limits,
      Pricing pricing,
      ApprovalPolicy approval,
      Supplier<UUID> ids,
      Runnable workAvailable) {
    StatusChanges changes =
        new StatusChanges(
            ports.batches(), ports.transactions(), ports.events(), settler, ports.clock());
    return new UseCases(
        new CreateBatchService(
            ports.batches(),
            ports.transactions(),
            ports.events(),
            settler,
            ports.clock(),
            limits,
            ids,
            workAvailable,
            pricing,
            approval),
        new PauseBatchService(changes),
        new ResumeBatchService(changes, workAvailable, pricing, ports.owners()),
        new CancelBatchService(changes, ports.items(), workAvailable),
        new RetryFailedItemsService(changes, ports.items(), workAvailable),
        new DeleteBatchService(ports.batches(), ports.transactions(), workAvailable),
        new GetBatchService(ports.batches(), ports.items(), settler),
        new ListBatchesService(ports.batches(), settler),
        new ListItemsService(ports.batches(), ports.items()),
        new GetQuestionService(ports.batches(), ports.items()),
        new WatchBatchService(ports.batches(), ports.events(), settler),
        new ChangeBudgetService(
            new OwnedBatches(ports.batches()),
            ports.transactions(),
            ports.events(),
            settler,
            ports.clock(),
            pricing,
            workAvailable),
        actor -> ports.owners().account(actor.id()),
        () -> pricing,
        new ExportResultsService(new OwnedBatches(ports.batches()), ports.items()),
        new FollowBatchesService(ports.events(), ports.clock()),
        new ApproveBatchService(changes, ports.items(), workAvailable));
  }
}
