package dev.spool.domain.batch;

import dev.spool.domain.SpoolException;

/** No batch has this id. */
public final class BatchNotFound extends SpoolException {
  public static final String CODE = "NOT_FOUND";

  public BatchNotFound(BatchId id) {
    super(CODE, "batch " + id + " does not exist");
  }
}
