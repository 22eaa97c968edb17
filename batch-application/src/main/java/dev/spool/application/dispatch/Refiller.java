package dev.spool.application.dispatch;

import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.WorkQueue;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The dispatcher's {@link Refill}: claims into the node slots free at the moment of the write, and
 * gives back what it did not use.
 */
final class Refiller implements Refill {
  private final DispatcherSettings settings;
  private final WorkQueue queue;
  private final InFlight inFlight;
  private final BooleanSupplier running;
  private final Consumer<List<ClaimedItem>> launch;
  private int slots;
  private List<ClaimedItem> claimed = List.of();

  Refiller(
      DispatcherSettings settings,
      WorkQueue queue,
      InFlight inFlight,
      BooleanSupplier running,
      Consumer<List<ClaimedItem>> launch) {
    this.settings = settings;
    this.queue = queue;
    this.inFlight = inFlight;
    this.running = running;
    this.launch = launch;
  }

  @Override
  public List<ClaimedItem> claim() {
    slots = running.getAsBoolean() ? inFlight.tryTakeSlots(settings.claimBatchSize()) : 0;
    if (slots > 0) {
      claimed = queue.claim(settings.nodeId(), slots, settings.leaseDuration());
    }
    return claimed;
  }

  @Override
  public void committed() {
    List<ClaimedItem> started = claimed;
    inFlight.returnSlots(slots - started.size());
    reset();
    launch.accept(started);
  }

  @Override
  public void rolledBack() {
    inFlight.returnSlots(slots);
    reset();
  }

  private void reset() {
    slots = 0;
    claimed = List.of();
  }
}
