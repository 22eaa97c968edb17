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

  public ItemCounts claimed(int n) {
    return new ItemCounts(total, completed, failed, cancelled, inFlight + n);
  }

  /** One in-flight item finished as {@code outcome}, or went back to pending. */
  public ItemCounts settled(ItemStatus outcome) {
    int flying = inFlight - 1;
    return switch (outcome) {
      case COMPLETED -> new ItemCounts(total, completed + 1, failed, cancelled, flying);
      case FAILED -> new ItemCounts(total, completed, failed + 1, cancelled, flying);
      case CANCELLED -> new ItemCounts(total, completed, failed, cancelled + 1, flying);
      case PENDING -> new ItemCounts(total, completed, failed, cancelled, flying);
      case IN_PROGRESS -> throw new IllegalArgumentException("an item settles out of flight");
    };
  }

  public ItemCounts cancelledPending(int n) {
    return new ItemCounts(total, completed, failed, cancelled + n, inFlight);
  }

  public ItemCounts failedReset(int n) {
    return new ItemCounts(total, completed, failed - n, cancelled, inFlight);
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
