package dev.spool.domain.fairness;

/**
 * One owner's place in the fair queue, in virtual time: each item claimed for an owner of weight w
 * advances its clock by 1/w, so owners that wait are served before owners that were just served.
 *
 * @param virtualTime the finish tag of the owner's last claimed item: where its next one starts,
 *     unless the whole system has moved past it while the owner had nothing to claim
 * @param lastStart the start tag of the owner's last claimed item; the largest over all owners is
 *     the system's virtual time, which an owner that comes back after a pause is brought up to, so
 *     idle time banks no credit
 * @param batchClock the same as {@code lastStart}, among the owner's own batches, each of weight 1
 */
public record ShareClock(double virtualTime, double lastStart, double batchClock) {
  public static final ShareClock ZERO = new ShareClock(0, 0, 0);

  public ShareClock {
    if (!Double.isFinite(virtualTime)
        || !Double.isFinite(lastStart)
        || !Double.isFinite(batchClock)) {
      throw new IllegalArgumentException("virtual times must be finite");
    }
  }
}
