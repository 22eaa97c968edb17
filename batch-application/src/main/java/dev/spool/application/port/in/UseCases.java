package dev.spool.application.port.in;

import java.util.Objects;

/** Every use case of Spool: what a driving adapter or an embedding service calls. */
public record UseCases(
    CreateBatch createBatch,
    PauseBatch pauseBatch,
    ResumeBatch resumeBatch,
    CancelBatch cancelBatch,
    RetryFailedItems retryFailedItems,
    DeleteBatch deleteBatch,
    GetBatch getBatch,
    ListBatches listBatches,
    ListItems listItems,
    GetQuestion getQuestion,
    WatchBatch watchBatch,
    ChangeBudget changeBudget,
    GetAccount getAccount,
    ShowPrices showPrices,
    ExportResults exportResults,
    FollowBatches followBatches,
    ApproveBatch approveBatch) {

  public UseCases {
    Objects.requireNonNull(createBatch, "createBatch");
    Objects.requireNonNull(pauseBatch, "pauseBatch");
    Objects.requireNonNull(resumeBatch, "resumeBatch");
    Objects.requireNonNull(cancelBatch, "cancelBatch");
    Objects.requireNonNull(retryFailedItems, "retryFailedItems");
    Objects.requireNonNull(deleteBatch, "deleteBatch");
    Objects.requireNonNull(getBatch, "getBatch");
    Objects.requireNonNull(listBatches, "listBatches");
    Objects.requireNonNull(listItems, "listItems");
    Objects.requireNonNull(getQuestion, "getQuestion");
    Objects.requireNonNull(watchBatch, "watchBatch");
    Objects.requireNonNull(changeBudget, "changeBudget");
    Objects.requireNonNull(getAccount, "getAccount");
    Objects.requireNonNull(showPrices, "showPrices");
    Objects.requireNonNull(exportResults, "exportResults");
    Objects.requireNonNull(followBatches, "followBatches");
    Objects.requireNonNull(approveBatch, "approveBatch");
  }
}
