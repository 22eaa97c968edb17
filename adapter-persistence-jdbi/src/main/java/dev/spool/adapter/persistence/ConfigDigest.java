package dev.spool.adapter.persistence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a config's whole JSON, kept beside the stored summary so that a create repeated
 * under the same idempotency key can be told from a different request without keeping, or reading
 * back, the megabytes of an item list.
 */
final class ConfigDigest {
  private ConfigDigest() {}

  static String of(String fullConfigJson) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(fullConfigJson.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256; this is a bug", e);
    }
  }
}
