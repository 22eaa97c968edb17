package dev.spool.application.port.in;

import dev.spool.application.model.BatchOverview;
import dev.spool.application.model.Page;
import dev.spool.application.model.PageRequest;
import dev.spool.domain.batch.BatchStatus;
import java.util.Optional;

/** The acting user's batches, newest first. */
public interface ListBatches {

  Page<BatchOverview> list(Actor actor, Optional<BatchStatus> status, PageRequest page);
}
