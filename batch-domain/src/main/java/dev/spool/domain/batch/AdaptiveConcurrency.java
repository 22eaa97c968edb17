package dev.spool.domain.batch;

/**
 * How many items of a batch may run at once right now, adapted to the provider: a 429 halves it
 * (multiplicative decrease); each window of successes, as many as the current value, grows it by
 * one (additive increase), never above the batch's configured limit.
 *
 * @param limit the batch's configured concurrency
 * @param effective what the batch may use now, from 1 to {@code limit}
 * @param successes successes since the last change
 */
public record AdaptiveConcurrency(int limit, int effective, int successes) {

  public AdaptiveConcurrency {
    if (limit < 1 || effective < 1 || effective > limit || successes < 0) {
      throw new IllegalArgumentException(
          "need 1 <= effective <= limit and successes >= 0, got "
              + effective
              + "/"
              + limit
              + " after "
              + successes);
    }
  }

  /** A batch starts at its full configured concurrency. */
  public static AdaptiveConcurrency of(int limit) {
    return new AdaptiveConcurrency(limit, limit, 0);
  }

  /** The provider said to slow down. */
  public AdaptiveConcurrency rateLimited() {
    return new AdaptiveConcurrency(limit, Math.max(1, effective / 2), 0);
  }

  /** An attempt went through without a 429. */
  public AdaptiveConcurrency succeeded() {
    if (effective == limit) {
      return successes == 0 ? this : new AdaptiveConcurrency(limit, effective, 0);
    }
    int streak = successes + 1;
    return streak >= effective
        ? new AdaptiveConcurrency(limit, effective + 1, 0)
        : new AdaptiveConcurrency(limit, effective, streak);
  }
}
