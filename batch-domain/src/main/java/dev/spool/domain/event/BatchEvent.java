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

  BatchId batchId();

  Instant at();

  String type();
}
