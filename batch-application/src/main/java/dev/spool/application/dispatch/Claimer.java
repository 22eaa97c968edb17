package dev.spool.application.dispatch;

import dev.spool.application.model.Pricing;
import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.WorkQueue;
import dev.spool.domain.event.BatchEvent;
import java.util.List;

/**
 * The one place this node claims work: the claim loop and the refill of every outcome write both
 * come through here. Call inside the transaction that appends {@code started}.
 */
final class Claimer {
  private final DispatcherSettings settings;
  private final WorkQueue queue;
  private final Pricing pricing;

  Claimer(DispatcherSettings settings, WorkQueue queue, Pricing pricing) {
    this.settings = settings;
    this.queue = queue;
    this.pricing = pricing;
  }

  /**
   * Claims up to {@code max} items, adding each claim's {@code item.started} to {@code started}.
   */
  List<ClaimedItem> claim(int max, List<BatchEvent> started) {
    List<ClaimedItem> claimed =
        queue.claim(settings.nodeId(), max, settings.leaseDuration(), pricing.firstEstimate());
    claimed.forEach(c -> started.add(c.startedEvent()));
    return claimed;
  }
}
