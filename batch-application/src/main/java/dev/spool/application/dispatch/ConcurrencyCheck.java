package dev.spool.application.dispatch;

import dev.spool.application.port.out.ClaimedItem;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.dispatch.ConcurrencyLimitError;
import dev.spool.domain.dispatch.DispatchPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A last line of defence against a broken store: one claim must never hand out more items of a
 * batch than its concurrency. (Counting across claims is the store's job, done under the batch
 * lock; a node's own count lags the database and cannot judge it.)
 */
final class ConcurrencyCheck {
  private static final Logger LOG = LoggerFactory.getLogger(ConcurrencyCheck.class);

  private ConcurrencyCheck() {}

  /** A claim split into items to run and items to give back. */
  record Split(List<ClaimedItem> launch, List<ClaimedItem> excess) {}

  /** Splits a claim into items to launch and items to give back, logging any excess. */
  static Split split(List<ClaimedItem> claimed) {
    Map<BatchId, List<ClaimedItem>> byBatch = new LinkedHashMap<>();
    claimed.forEach(
        c -> byBatch.computeIfAbsent(c.item().batchId(), b -> new ArrayList<>()).add(c));
    List<ClaimedItem> launch = new ArrayList<>();
    List<ClaimedItem> excess = new ArrayList<>();
    byBatch.forEach((batch, items) -> {
      int limit = items.getFirst().execution().concurrency();
      try {
        DispatchPolicy.requireWithinLimit(batch, limit, items.size());
        launch.addAll(items);
      } catch (ConcurrencyLimitError e) {
        LOG.error(
            "the store broke a concurrency limit; giving back {} items", items.size() - limit, e);
        launch.addAll(items.subList(0, limit));
        excess.addAll(items.subList(limit, items.size()));
      }
    });
    return new Split(launch, excess);
  }
}
