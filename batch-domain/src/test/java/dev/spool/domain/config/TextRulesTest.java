package dev.spool.domain.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextRulesTest {

  @Test
  void a_nul_character_is_refused_with_the_field_named() {
    assertThat(TextRules.check("name", "a\u0000b", 200))
        .hasValueSatisfying(e -> {
          assertThat(e.field()).isEqualTo("name");
          assertThat(e.code()).isEqualTo("invalid");
          assertThat(e.message()).contains("NUL");
        });
  }

  @Test
  void lone_surrogates_are_refused_wherever_they_stand() {
    for (String broken : new String[] {"\uD800", "a\uDC00", "x\uD83Dy", "\uDE00\uD83D"}) {
      assertThat(TextRules.check("items[0].prompt", broken, 200))
          .as(broken.codePoints().mapToObj(Integer::toHexString).toList().toString())
          .hasValueSatisfying(e -> assertThat(e.message()).contains("surrogate"));
    }
  }

  @Test
  void length_counts_code_points_so_an_emoji_is_one_character() {
    String emoji = "\uD83D\uDE00"; // 😀: two UTF-16 units, one code point

    assertThat(TextRules.check("name", emoji.repeat(200), 200)).isEmpty();
    assertThat(TextRules.check("name", emoji.repeat(201), 200))
        .hasValueSatisfying(e -> assertThat(e.message()).contains("at most 200"));
  }

  @Test
  void missing_or_blank_text_is_required() {
    assertThat(TextRules.check("name", null, 10)).map(FieldError::code).hasValue("required");
    assertThat(TextRules.check("name", " \t", 10)).map(FieldError::code).hasValue("required");
  }

  @Test
  void ordinary_text_with_accents_and_scripts_passes() {
    assertThat(TextRules.check("name", "Épreuve — 物理 Ω", 200)).isEmpty();
  }
}
