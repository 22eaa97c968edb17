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

  @Test
  void it_reads_lines_and_trims_punctuation_as_the_regular_expressions_it_replaced_did() {
    String[] pieces = {
      "a",
      "word ",
      " ",
      "\t",
      ".",
      ",",
      ";",
      ":",
      "\n",
      "\r\n",
      "\r",
      "\u000B",
      "\f",
      "\u0085",
      "\u2028",
      "\u2029",
      "é",
      "🫀",
      "Question ",
      "x".repeat(40)
    };
    java.util.Random random = new java.util.Random(20261204);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder stem = new StringBuilder();
      int parts = random.nextInt(60);
      for (int p = 0; p < parts; p++) {
        stem.append(pieces[random.nextInt(pieces.length)]);
      }
      String text = stem.toString();
      assertThat(StemPreview.of(text))
          .as("stem %s", text.codePoints().boxed().toList())
          .isEqualTo(byRegularExpressions(text));
    }
  }

  /** The first implementation, kept as the reference. */
  private static String byRegularExpressions(String stem) {
    String line = "";
    for (String candidate : stem.split("\\R")) {
      if (!candidate.isBlank()) {
        line = candidate.strip();
        break;
      }
    }
    if (line.codePointCount(0, line.length()) <= StemPreview.MAX_LENGTH) {
      return line;
    }
    String cut = line.substring(0, line.offsetByCodePoints(0, StemPreview.MAX_LENGTH - 1));
    int space = cut.lastIndexOf(' ');
    if (space > StemPreview.MAX_LENGTH / 2) {
      cut = cut.substring(0, space);
    }
    return cut.replaceAll("[\\s.,;:]+$", "") + "…";
  }
}
