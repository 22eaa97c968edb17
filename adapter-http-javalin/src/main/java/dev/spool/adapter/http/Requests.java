package dev.spool.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.application.model.PageRequest;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.ItemStatus;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** Reads path ids, query parameters, headers and bodies, refusing bad ones with a clear error. */
final class Requests {
  private Requests() {}

  static UUID uuid(Context ctx, String param) {
    String value = ctx.pathParam(param);
    try {
      UUID id = UUID.fromString(value);
      if (!id.toString().equalsIgnoreCase(value)) {
        throw new IllegalArgumentException(value);
      }
      return id;
    } catch (IllegalArgumentException e) {
      throw ApiError.malformed(param, param + " must be a UUID");
    }
  }

  static BatchId batchId(Context ctx) {
    return new BatchId(uuid(ctx, "batchId"));
  }

  static PageRequest page(Context ctx) {
    Optional<String> limit = query(ctx, "limit");
    int size = PageRequest.DEFAULT_LIMIT;
    if (limit.isPresent()) {
      if (!limit.get().matches("[+-]?[0-9]+")) {
        throw ApiError.invalid("limit", "wrong_type", "limit must be a whole number");
      }
      try {
        size = Integer.parseInt(limit.get());
      } catch (NumberFormatException tooBig) {
        size = -1;
      }
      if (size < 1 || size > PageRequest.MAX_LIMIT) {
        throw ApiError.invalid(
            "limit", "out_of_range", "limit must be between 1 and " + PageRequest.MAX_LIMIT);
      }
    }
    return new PageRequest(size, query(ctx, "cursor"));
  }

  static Optional<BatchStatus> batchStatus(Context ctx) {
    return status(ctx, BatchStatus::fromWireName, BatchStatus.values());
  }

  static Optional<ItemStatus> itemStatus(Context ctx) {
    return status(ctx, ItemStatus::fromWireName, ItemStatus.values());
  }

  private static <S extends Enum<S>> Optional<S> status(
      Context ctx, Function<String, Optional<S>> parse, S[] values) {
    return query(ctx, "status")
        .map(value ->
            parse
                .apply(value)
                .orElseThrow(() ->
                    ApiError.invalid(
                        "status",
                        "invalid",
                        "status must be one of "
                            + Arrays.stream(values)
                                .map(v -> v.name().toLowerCase(Locale.ROOT))
                                .toList())));
  }

  /** A query parameter given at most once. */
  static Optional<String> query(Context ctx, String name) {
    List<String> values = ctx.queryParams(name);
    if (values.size() > 1) {
      throw ApiError.malformed(name, "give " + name + " at most once");
    }
    return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  /** A header given at most once. */
  static Optional<String> header(Context ctx, String name) {
    List<String> values = java.util.Collections.list(ctx.req().getHeaders(name));
    if (values.size() > 1) {
      throw ApiError.malformed(name, "send the " + name + " header at most once");
    }
    return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  /** A whole-number query parameter, if given: 400 when it is not one. */
  static Optional<Integer> wholeNumber(Context ctx, String name) {
    return query(ctx, name)
        .map(value -> {
          try {
            return Integer.parseInt(value.trim());
          } catch (NumberFormatException e) {
            throw ApiError.invalid(name, "invalid", name + " must be a whole number");
          }
        });
  }

  /** A body parsed as one JSON object: 400 when it is not JSON, or not an object. */
  static JsonNode jsonObject(ObjectMapper mapper, byte[] json) {
    JsonNode body;
    try {
      body = mapper.readTree(json);
    } catch (IOException e) {
      throw ApiError.malformed("the body is not valid JSON");
    }
    if (body == null || !body.isObject()) {
      throw ApiError.malformed("the body must be a JSON object");
    }
    return body;
  }

  /** Refuses a field of {@code node} not named in {@code fields}, as {@code prefix + name}. */
  static void onlyFields(JsonNode node, Set<String> fields, String prefix) {
    node.fieldNames()
        .forEachRemaining(name -> {
          if (!fields.contains(name)) {
            throw ApiError.invalid(
                prefix + name, "unknown_field", "unknown field '" + prefix + name + "'");
          }
        });
  }

  /** A JSON body of at most {@code maxBytes}: 415 if it is not JSON, 413 if it is larger. */
  static byte[] jsonBody(Context ctx, long maxBytes) {
    return body(ctx, "application/json", maxBytes);
  }

  /** A body of the given media type and at most {@code maxBytes}: 415 or 413 otherwise. */
  static byte[] body(Context ctx, String mediaType, long maxBytes) {
    String type = header(ctx, "Content-Type").orElse("").toLowerCase(Locale.ROOT).trim();
    if (!type.equals(mediaType) && !type.startsWith(mediaType + ";")) {
      throw new ApiError(
          415, "UNSUPPORTED_MEDIA_TYPE", "send the body as Content-Type: " + mediaType);
    }
    if (ctx.req().getContentLengthLong() > maxBytes) {
      throw tooLarge(maxBytes);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (body.length > maxBytes) {
        throw tooLarge(maxBytes);
      }
      return body;
    } catch (IOException e) {
      throw ApiError.malformed("the body could not be read");
    }
  }

  /** As {@link #jsonBody}, but a request with no body at all gives an empty one. */
  static byte[] optionalJsonBody(Context ctx, long maxBytes) {
    boolean none =
        header(ctx, "Content-Type").isEmpty()
            && ctx.req().getContentLengthLong() <= 0
            && header(ctx, "Transfer-Encoding").isEmpty();
    return none ? new byte[0] : jsonBody(ctx, maxBytes);
  }

  private static ApiError tooLarge(long maxBytes) {
    return new ApiError(
        413, "PAYLOAD_TOO_LARGE", "the body is larger than the limit of " + maxBytes + " bytes");
  }
}
