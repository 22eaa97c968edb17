package dev.spool.domain.config;

import java.util.Objects;

/**
 * One thing wrong with one input field.
 *
 * @param field the field's path as callers name it, such as {@code difficultyDistribution} or
 *     {@code items[3].prompt}
 * @param code a machine-readable reason: {@code required}, {@code out_of_range} or {@code invalid}
 * @param message what a person should fix
 */
public record FieldError(String field, String code, String message) {
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  public static FieldError required(String field) {
    return new FieldError(field, "required", field + " is required");
  }

  public static FieldError outOfRange(String field, long min, long max) {
    return new FieldError(field, "out_of_range", field + " must be between " + min + " and " + max);
  }

  public static FieldError invalid(String field, String message) {
    return new FieldError(field, "invalid", message);
  }
}
