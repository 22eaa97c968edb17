package dev.spool.domain.config;

import dev.spool.domain.SpoolException;
import java.util.List;
import java.util.stream.Collectors;

/** A batch configuration was refused. Lists every field error, not only the first. */
public final class InvalidBatchConfig extends SpoolException {
  public static final String CODE = "VALIDATION_ERROR";

  private final List<FieldError> errors;

  public InvalidBatchConfig(List<FieldError> errors) {
    super(CODE, describe(errors));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an invalid config has at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }

  private static String describe(List<FieldError> errors) {
    return "invalid batch config: "
        + errors.stream().map(FieldError::message).collect(Collectors.joining("; "));
  }
}
