package dev.spool.application.port.out;

import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.CourseId;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.config.ItemSpec;
import java.util.Objects;

/**
 * One attempt at one item.
 *
 * @param attempt the attempt's number, from 1
 */
public record GenerationRequest(
    BatchId batchId, ItemId itemId, UserId owner, CourseId course, ItemSpec spec, int attempt) {
  public GenerationRequest {
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(course, "course");
    Objects.requireNonNull(spec, "spec");
  }
}
