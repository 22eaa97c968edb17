package dev.spool.application.model;

/**
 * A place in the order in which batch-level events committed, across all batches: the writing
 * transaction, then the event's sequence within it. A follower that resumes after a position gets
 * every event that committed after it, and none twice. Its text form, {@code "<tx>-<seq>"}, is what
 * a stream sends as an event id.
 */
public record FeedPosition(long transaction, long sequence) implements Comparable<FeedPosition> {
  /** Before every event. */
  public static final FeedPosition START = new FeedPosition(0, 0);

  public FeedPosition {
    if (transaction < 0 || sequence < 0) {
      throw new IllegalArgumentException("feed positions are not negative");
    }
  }

  /**
   * Reads the text form.
   *
   * @throws IllegalArgumentException if {@code text} is not one
   */
  public static FeedPosition parse(String text) {
    int dash = text.indexOf('-');
    if (dash <= 0 || dash == text.length() - 1) {
      throw new IllegalArgumentException("a feed position is <transaction>-<sequence>");
    }
    try {
      return new FeedPosition(
          Long.parseLong(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a feed position is <transaction>-<sequence>", e);
    }
  }

  @Override
  public int compareTo(FeedPosition other) {
    int byTransaction = Long.compare(transaction, other.transaction);
    return byTransaction != 0 ? byTransaction : Long.compare(sequence, other.sequence);
  }

  @Override
  public String toString() {
    return transaction + "-" + sequence;
  }
}
