package dev.spool.domain.batch;

/**
 * How a batch's items stand. {@code pending} is derived: every item is in exactly one of pending,
 * in flight, completed, failed or cancelled.
 */
public record ItemCounts(int total, int completed, int failed, int cancelled, int inFlight) {

  public ItemCounts {
    if (total < 0 || completed < 0 || failed < 0 || cancelled < 0 || inFlight < 0) {
      throw new IllegalArgumentException(
          "item counts cannot be negative: "
              + describe(total, completed, failed, cancelled, inFlight));
    }
    if ((long) completed + failed + cancelled + inFlight > total) {
      throw new IllegalArgumentException(
          "item counts exceed the total: "
              + describe(total, completed, failed, cancelled, inFlight));
    }
  }

  public static ItemCounts allPending(int total) {
    return new ItemCounts(total, 0, 0, 0, 0);
  }

  public int pending() {
    return total - completed - failed - cancelled - inFlight;
  }

  /** Nothing left to run and nothing running. */
  public boolean isDrained() {
    return pending() == 0 && inFlight == 0;
  }

  /** These counts after {@code change}. */
  public ItemCounts plus(Change change) {
    return new ItemCounts(
        total,
        completed + change.completed(),
        failed + change.failed(),
        cancelled + change.cancelled(),
        inFlight + change.inFlight());
  }

  /**
   * How a move of items changes a batch's counts. Decided here, once: a store adds the values it is
   * given, row by row or summed, and never works them out from a status again.
   */
  public record Change(int completed, int failed, int cancelled, int inFlight) {
    public static final Change NONE = new Change(0, 0, 0, 0);

    /** One item moved from {@code from} to {@code to}. */
    public static Change of(ItemStatus from, ItemStatus to) {
      return NONE.minus(from).plus(to);
    }

    /** {@code n} times this change. */
    public Change times(int n) {
      return new Change(completed * n, failed * n, cancelled * n, inFlight * n);
    }

    public Change plus(Change other) {
      return new Change(
          completed + other.completed,
          failed + other.failed,
          cancelled + other.cancelled,
          inFlight + other.inFlight);
    }

    private Change plus(ItemStatus status) {
      return plus(unit(status, 1));
    }

    private Change minus(ItemStatus status) {
      return plus(unit(status, -1));
    }

    /** What one item in {@code status} adds to the counts; pending is derived, so nothing. */
    private static Change unit(ItemStatus status, int n) {
      return switch (status) {
        case PENDING -> NONE;
        case IN_PROGRESS -> new Change(0, 0, 0, n);
        case COMPLETED -> new Change(n, 0, 0, 0);
        case FAILED -> new Change(0, n, 0, 0);
        case CANCELLED -> new Change(0, 0, n, 0);
      };
    }
  }

  private static String describe(int total, int completed, int failed, int cancelled, int fly) {
    return "total="
        + total
        + " completed="
        + completed
        + " failed="
        + failed
        + " cancelled="
        + cancelled
        + " inFlight="
        + fly;
  }
}
