package dev.spool.application.catalogue;

import dev.spool.domain.SpoolException;
import dev.spool.domain.config.FieldError;
import java.util.List;

/** Catalogue input that cannot be accepted, field by field (or line by line, for an import). */
public final class InvalidCatalogue extends SpoolException {
  private final transient List<FieldError> errors;

  public InvalidCatalogue(List<FieldError> errors) {
    super(
        "VALIDATION_ERROR",
        errors.size() == 1
            ? errors.getFirst().message()
            : errors.size() + " problems in the catalogue input");
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
