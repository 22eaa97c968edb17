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
 * @param attempt the attempt's number within its round, from 1
 * @param round how many times a retry of the failed items has sent the item back, from 0; a
 *     generator that is deterministic per try keys on the round and the attempt together
 */
public record GenerationRequest(
    BatchId batchId,
    ItemId itemId,
    UserId owner,
    CourseId course,
    ItemSpec spec,
    int attempt,
    int round) {
  public GenerationRequest {
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(course, "course");
    Objects.requireNonNull(spec, "spec");
  }
}
