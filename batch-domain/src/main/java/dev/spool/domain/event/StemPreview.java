package dev.spool.domain.event;

/** What a feed shows of a question: the first line of its stem that has text, shortened. */
public final class StemPreview {
  /** The longest a preview is, in characters, its ellipsis included. */
  public static final int MAX_LENGTH = 160;

  private StemPreview() {}

  /** The stem's first line with text, trimmed, and cut at a word with "…" when too long. */
  public static String of(String stem) {
    String line = "";
    for (String candidate : stem.split("\\R")) {
      if (!candidate.isBlank()) {
        line = candidate.strip();
        break;
      }
    }
    if (line.codePointCount(0, line.length()) <= MAX_LENGTH) {
      return line;
    }
    String cut = line.substring(0, line.offsetByCodePoints(0, MAX_LENGTH - 1));
    int space = cut.lastIndexOf(' ');
    if (space > MAX_LENGTH / 2) {
      cut = cut.substring(0, space);
    }
    // "are 3+.…" reads badly: the ellipsis replaces a cut sentence's own punctuation
    return cut.replaceAll("[\\s.,;:]+$", "") + "…";
  }
}
