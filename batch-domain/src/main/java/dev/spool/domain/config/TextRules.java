package dev.spool.domain.config;

import java.util.Optional;

/**
 * What every stored text must be: present, not blank, at most a number of characters counted as
 * Unicode code points (an emoji is one), and storable as it is. PostgreSQL refuses U+0000 in text,
 * and a lone UTF-16 surrogate has no UTF-8 form, so a driver would silently store {@code ?} in its
 * place; both are refused here instead, with the field named.
 */
public final class TextRules {
  private TextRules() {}

  /** The error of {@code value} as {@code field}, or empty if it is acceptable text. */
  public static Optional<FieldError> check(String field, String value, int maxCharacters) {
    if (value == null || value.isBlank()) {
      return Optional.of(FieldError.required(field));
    }
    Optional<String> unstorable = unstorable(value);
    if (unstorable.isPresent()) {
      return Optional.of(FieldError.invalid(field, field + " " + unstorable.get()));
    }
    if (value.codePointCount(0, value.length()) > maxCharacters) {
      return Optional.of(
          FieldError.invalid(field, field + " must be at most " + maxCharacters + " characters"));
    }
    return Optional.empty();
  }

  /** Why {@code value} cannot be stored as it is, if it cannot: a NUL or a broken surrogate. */
  public static Optional<String> unstorable(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\0') {
        return Optional.of("must not contain the NUL character (U+0000), at character " + i);
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return Optional.of(
            "must be valid Unicode: a lone surrogate (U+"
                + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
                + ") at character "
                + i);
      }
    }
    return Optional.empty();
  }
}
