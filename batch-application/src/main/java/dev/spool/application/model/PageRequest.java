package dev.spool.application.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page to read: at most {@code limit} rows after {@code cursor}. Cursors are opaque; only the
 * store that issued one can read it.
 */
public record PageRequest(int limit, Optional<String> cursor) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  public PageRequest {
    Objects.requireNonNull(cursor, "cursor");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidPageRequest("limit must be between 1 and " + MAX_LIMIT);
    }
  }

  public static PageRequest first(int limit) {
    return new PageRequest(limit, Optional.empty());
  }

  public static PageRequest firstPage() {
    return first(DEFAULT_LIMIT);
  }
}
