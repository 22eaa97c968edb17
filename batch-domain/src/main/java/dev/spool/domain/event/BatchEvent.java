package dev.spool.domain.event;

import dev.spool.domain.batch.BatchId;
import java.time.Instant;

/**
 * Something that happened to a batch, as watchers and downstream consumers see it. {@link #type()}
 * is the name on the wire, such as {@code item.started}.
 */
public sealed interface BatchEvent
    permits ItemStarted,
        ItemCompleted,
        ItemFailed,
        BatchProgressed,
        BatchStatusChanged,
        BatchCompleted {

  /** What the wire names of the batch's own events (not its items') begin with. */
  String BATCH_PREFIX = "batch.";

  /** Whether an event of wire name {@code type} is about the batch itself, not one item. */
  static boolean isAboutTheBatch(String type) {
    return type.startsWith(BATCH_PREFIX);
  }

  BatchId batchId();

  Instant at();

  String type();
}
