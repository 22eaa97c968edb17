package dev.spool.application.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** One page of a listing, and the cursor of the next page if there is one. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(nextCursor, "nextCursor");
  }

  public <R> Page<R> map(Function<T, R> mapper) {
    return new Page<>(items.stream().map(mapper).toList(), nextCursor);
  }
}
