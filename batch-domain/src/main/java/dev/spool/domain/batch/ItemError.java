package dev.spool.domain.batch;

import java.util.Objects;

/**
 * Why an item's last attempt failed. An item that failed for good has code {@link #FAILED_FOR_GOOD}
 * and keeps the last attempt's message.
 */
public record ItemError(String code, String message) {
  public static final String FAILED_FOR_GOOD = "batch_item_failed";

  public ItemError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  public ItemError asFinal() {
    return new ItemError(FAILED_FOR_GOOD, message);
  }
}
