package dev.spool.adapter.persistence;

import dev.spool.application.model.Page;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Turns {@code limit + 1} fetched rows into a page and the cursor of the next one. */
final class Pages {
  private Pages() {}

  static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> cursorOf) {
    if (fetched.size() <= limit) {
      return new Page<>(fetched, Optional.empty());
    }
    List<T> rows = fetched.subList(0, limit);
    return new Page<>(rows, Optional.of(cursorOf.apply(rows.getLast())));
  }
}
