package dev.spool.adapter.http;

import dev.spool.domain.SpoolException;
import java.util.List;

/**
 * A request the API refuses before any use case runs: malformed JSON, a bad id, a missing token, a
 * body too large. Carries the HTTP status, the machine-readable code and the field details.
 */
final class ApiError extends SpoolException {
  private final int status;
  private final transient List<Detail> details;

  ApiError(int status, String code, String message, List<Detail> details) {
    super(code, message);
    this.status = status;
    this.details = List.copyOf(details);
  }

  ApiError(int status, String code, String message) {
    this(status, code, message, List.of());
  }

  /** One thing wrong with one field. */
  record Detail(String field, String code, String message) {}

  static ApiError malformed(String message) {
    return new ApiError(400, "MALFORMED_REQUEST", message);
  }

  static ApiError malformed(String field, String message) {
    return new ApiError(
        400, "MALFORMED_REQUEST", message, List.of(new Detail(field, "malformed", message)));
  }

  static ApiError invalid(String field, String code, String message) {
    return new ApiError(
        400, "VALIDATION_ERROR", message, List.of(new Detail(field, code, message)));
  }

  /** 503: the request may succeed later; {@link ErrorResponses} adds {@code Retry-After}. */
  static ApiError unavailable(String message) {
    return new ApiError(503, "SERVICE_UNAVAILABLE", message);
  }

  /** 503 for a request the database cannot serve: away ({@code outage} says why) or out of room. */
  static ApiError databaseUnavailable(java.util.Optional<String> outage) {
    return unavailable(
        outage
            .map(reason -> "the database is unavailable (" + reason + "); try again")
            .orElse(
                "the database could not take this request (it may be out of disk space); try"
                    + " again"));
  }

  static ApiError unauthorized(String message) {
    return new ApiError(401, "UNAUTHORIZED", message);
  }

  int status() {
    return status;
  }

  List<Detail> details() {
    return details;
  }
}
