package dev.spool.domain.fairness;

import dev.spool.domain.batch.UserId;
import java.util.Objects;

/**
 * An owner's weight in the fair share, and where it stands.
 *
 * @param weight how much of a contended limit the owner gets relative to others: an owner of weight
 *     2 gets twice the share of one of weight 1 (the default)
 */
public record OwnerShare(UserId owner, double weight, ShareClock clock) {
  public static final double DEFAULT_WEIGHT = 1.0;
  public static final double MAX_WEIGHT = 1_000.0;

  public OwnerShare {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(clock, "clock");
    if (!(weight > 0 && weight <= MAX_WEIGHT)) {
      throw new IllegalArgumentException(
          "a weight is a number above 0 and at most " + MAX_WEIGHT + ", got " + weight);
    }
  }

  /** An owner never seen before: the default weight, at time zero. */
  public static OwnerShare newcomer(UserId owner) {
    return new OwnerShare(owner, DEFAULT_WEIGHT, ShareClock.ZERO);
  }
}
