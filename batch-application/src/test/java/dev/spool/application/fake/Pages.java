package dev.spool.application.fake;

import dev.spool.application.model.InvalidPageRequest;
import dev.spool.application.model.Page;
import dev.spool.application.model.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Cursor paging over an ordered list: the cursor is the key of the last row served. */
final class Pages {
  private Pages() {}

  static <T> Page<T> after(List<T> ordered, PageRequest page, Function<T, String> key) {
    int start = 0;
    if (page.cursor().isPresent()) {
      String cursor = page.cursor().get();
      int index = indexOf(ordered, key, cursor);
      if (index < 0) {
        throw new InvalidPageRequest("cursor '" + cursor + "' is not valid here");
      }
      start = index + 1;
    }
    int end = Math.min(ordered.size(), start + page.limit());
    List<T> rows = ordered.subList(start, end);
    Optional<String> next =
        end < ordered.size() ? Optional.of(key.apply(rows.getLast())) : Optional.empty();
    return new Page<>(rows, next);
  }

  private static <T> int indexOf(List<T> ordered, Function<T, String> key, String cursor) {
    for (int i = 0; i < ordered.size(); i++) {
      if (key.apply(ordered.get(i)).equals(cursor)) {
        return i;
      }
    }
    return -1;
  }
}
