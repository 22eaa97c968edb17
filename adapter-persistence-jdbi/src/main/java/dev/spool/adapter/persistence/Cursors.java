package dev.spool.adapter.persistence;

import dev.spool.application.model.InvalidPageRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Opaque keyset cursors: batches page by (created_at, id), items by position. */
final class Cursors {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Cursors() {}

  record BatchKey(Instant createdAt, UUID id) {}

  static String batch(Instant createdAt, UUID id) {
    return encode("b:" + createdAt + "/" + id);
  }

  static BatchKey batch(String cursor) {
    String text = decode(cursor, "b:");
    int slash = text.indexOf('/');
    try {
      return new BatchKey(
          Instant.parse(text.substring(0, slash)), UUID.fromString(text.substring(slash + 1)));
    } catch (RuntimeException e) {
      throw invalid(cursor);
    }
  }

  static String item(int position) {
    return encode("i:" + position);
  }

  static int item(String cursor) {
    try {
      return Integer.parseInt(decode(cursor, "i:"));
    } catch (NumberFormatException e) {
      throw invalid(cursor);
    }
  }

  private static String encode(String text) {
    return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor, String prefix) {
    String text;
    try {
      text = new String(DECODER.decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid(cursor);
    }
    if (!text.startsWith(prefix)) {
      throw invalid(cursor);
    }
    return text.substring(prefix.length());
  }

  private static InvalidPageRequest invalid(String cursor) {
    return new InvalidPageRequest("cursor '" + cursor + "' is not valid here");
  }
}
