package dev.spool.domain.dispatch;

import dev.spool.domain.SpoolException;

/**
 * An error no item of the batch can get past, such as rejected credentials or an unknown model. It
 * ends the batch as failed at once instead of failing every item one by one.
 */
public final class BatchPipelineError extends SpoolException {
  public static final String CODE = "BATCH_PIPELINE_ERROR";

  public BatchPipelineError(String message) {
    super(CODE, message);
  }

  public BatchPipelineError(String message, Throwable cause) {
    super(CODE, message, cause);
  }
}
