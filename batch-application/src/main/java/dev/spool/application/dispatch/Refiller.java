package dev.spool.application.dispatch;

import dev.spool.application.port.out.ClaimedItem;
import dev.spool.domain.event.BatchEvent;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The {@link Refill} of the outcome writes: claims, through the {@link Claimer}, into the node
 * slots free at the moment of the write, as many as the {@link PermitGate} has room for; hands what
 * it claimed to the {@link Launcher} once the write committed, and gives back the slots it did not
 * use.
 */
final class Refiller implements Refill {
  private final int maxClaim;
  private final Claimer claimer;
  private final InFlight inFlight;
  private final Launcher launcher;
  private final PermitGate permits;
  private final BooleanSupplier claiming;
  private int slots;
  private List<ClaimedItem> claimed = List.of();

  Refiller(
      int maxClaim,
      Claimer claimer,
      InFlight inFlight,
      Launcher launcher,
      PermitGate permits,
      BooleanSupplier claiming) {
    this.maxClaim = maxClaim;
    this.claimer = claimer;
    this.inFlight = inFlight;
    this.launcher = launcher;
    this.permits = permits;
    this.claiming = claiming;
  }

  /**
   * Claims up to what the write frees, and at least a claim's worth. Capped at one claim, a write
   * of more outcomes left slots of its batches free, which the claimer then took in a transaction
   * of its own: one that waited for the batch's lock behind the write, and that the next write then
   * waited behind (in B1, 17 claims a batch that took 15 ms each).
   */
  @Override
  public void claim(int written, List<BatchEvent> started) {
    int wanted = Math.max(maxClaim, written);
    int free = claiming.getAsBoolean() ? inFlight.tryTakeSlots(wanted) : 0;
    slots = free > 0 ? permits.room(free) : 0;
    inFlight.returnSlots(free - slots);
    if (slots > 0) {
      claimed = claimer.claim(slots, started);
    }
  }

  @Override
  public void committed() {
    List<ClaimedItem> started = claimed;
    inFlight.returnSlots(slots - started.size());
    reset();
    launcher.launch(started);
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
