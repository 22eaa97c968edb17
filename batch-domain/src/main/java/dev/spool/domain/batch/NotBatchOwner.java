package dev.spool.domain.batch;

/** The batch exists but belongs to someone else; only its owner may see or steer it. */
public final class NotBatchOwner extends AccessDenied {
  public NotBatchOwner(BatchId batch) {
    super("batch " + batch + " belongs to another user");
  }
}
