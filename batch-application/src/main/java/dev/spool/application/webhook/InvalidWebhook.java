package dev.spool.application.webhook;

import dev.spool.domain.SpoolException;
import dev.spool.domain.config.FieldError;
import java.util.List;

/** A webhook endpoint's settings that cannot be accepted, field by field. */
public final class InvalidWebhook extends SpoolException {
  private final transient List<FieldError> errors;

  public InvalidWebhook(List<FieldError> errors) {
    super(
        "VALIDATION_ERROR",
        errors.size() == 1 ? errors.getFirst().message() : "the webhook endpoint is invalid");
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
