package dev.spool.domain.config;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors so that a caller hears of all of them at once. */
final class FieldChecks {
  private final List<FieldError> errors = new ArrayList<>();

  /** Checks a number that may be absent, falling back to {@code fallback} when it is. */
  int range(String field, Integer value, int fallback, int min, int max) {
    int actual = value == null ? fallback : value;
    if (actual < min || actual > max) {
      errors.add(FieldError.outOfRange(field, min, max));
    }
    return actual;
  }

  /** Checks a number that must be present. */
  int requiredRange(String field, Integer value, int min, int max) {
    if (value == null) {
      errors.add(FieldError.required(field));
      return min;
    }
    return range(field, value, min, min, max);
  }

  /** Checks text by {@link TextRules}: present, storable, at most {@code maxLength} characters. */
  void text(String field, String value, int maxLength) {
    TextRules.check(field, value, maxLength).ifPresent(errors::add);
  }

  /** Concurrency and retries, shared by both draft forms; absent values take their defaults. */
  ExecutionSettings execution(Integer concurrency, Integer maxRetries, ConfigLimits limits) {
    int c =
        range(
            "concurrency",
            concurrency,
            Math.min(ExecutionSettings.DEFAULT_CONCURRENCY, limits.maxConcurrency()),
            1,
            limits.maxConcurrency());
    int r =
        range(
            "maxRetries",
            maxRetries,
            ExecutionSettings.DEFAULT_MAX_RETRIES,
            0,
            ExecutionSettings.MAX_RETRIES_LIMIT);
    return ok() ? new ExecutionSettings(c, r) : null;
  }

  void add(FieldError error) {
    errors.add(error);
  }

  boolean ok() {
    return errors.isEmpty();
  }

  /** Throws every error found so far, if there is any. */
  void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new InvalidBatchConfig(errors);
    }
  }
}
