package dev.spool.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StemPreviewTest {

  @Test
  void a_preview_is_the_first_line_with_text_trimmed() {
    assertThat(StemPreview.of("\n  \r\n  A 54-year-old man has chest pain.  \nWhich test first?"))
        .isEqualTo("A 54-year-old man has chest pain.");
  }

  @Test
  void a_long_line_is_cut_at_a_word_and_ends_with_an_ellipsis() {
    String stem = "word ".repeat(60).strip();

    String preview = StemPreview.of(stem);

    assertThat(preview).endsWith("word…").hasSizeLessThanOrEqualTo(StemPreview.MAX_LENGTH);
    assertThat(StemPreview.of("Done. ".repeat(60))).endsWith("Done…");
  }

  @Test
  void a_line_of_exactly_the_limit_is_kept_whole_and_code_points_are_never_split() {
    String exact = "é".repeat(StemPreview.MAX_LENGTH);
    assertThat(StemPreview.of(exact)).isEqualTo(exact);

    String emoji = "🫀".repeat(StemPreview.MAX_LENGTH + 5);
    String preview = StemPreview.of(emoji);
    assertThat(preview.codePointCount(0, preview.length())).isEqualTo(StemPreview.MAX_LENGTH);
    assertThat(preview).endsWith("🫀…");
  }
}
