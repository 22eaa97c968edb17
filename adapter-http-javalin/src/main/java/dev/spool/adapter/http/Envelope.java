package dev.spool.adapter.http;

import java.util.List;

/**
 * Every JSON response: {@code {"data": ..., "error": null}} or {@code {"data": null, "error": {
 * "code", "message", "details"}}}.
 */
record Envelope(Object data, Failure error) {

  record Failure(String code, String message, List<ApiError.Detail> details) {}

  static Envelope ok(Object data) {
    return new Envelope(data, null);
  }

  static Envelope failure(String code, String message, List<ApiError.Detail> details) {
    return new Envelope(null, new Failure(code, message, details));
  }
}
