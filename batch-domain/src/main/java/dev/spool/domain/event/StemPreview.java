package dev.spool.domain.event;

/** What a feed shows of a question: the first line of its stem that has text, shortened. */
public final class StemPreview {
  /** The longest a preview is, in characters, its ellipsis included. */
  public static final int MAX_LENGTH = 160;

  private StemPreview() {}

  /**
   * The stem's first line with text, trimmed, and cut at a word with "…" when too long. Lines end
   * where {@code \R} would end them. It runs once per completed item on the dispatcher's outcome
   * path, so it scans by hand rather than splitting the whole stem with a regular expression.
   */
  public static String of(String stem) {
    String line = firstLineWithText(stem);
    if (line.codePointCount(0, line.length()) <= MAX_LENGTH) {
      return line;
    }
    String cut = line.substring(0, line.offsetByCodePoints(0, MAX_LENGTH - 1));
    int space = cut.lastIndexOf(' ');
    if (space > MAX_LENGTH / 2) {
      cut = cut.substring(0, space);
    }
    // "are 3+.…" reads badly: the ellipsis replaces a cut sentence's own punctuation
    int end = cut.length();
    while (end > 0 && isTrailingPunctuation(cut.charAt(end - 1))) {
      end--;
    }
    return cut.substring(0, end) + "…";
  }

  private static String firstLineWithText(String stem) {
    int start = 0;
    int length = stem.length();
    while (start < length) {
      int end = start;
      while (end < length && !isLineBreak(stem.charAt(end))) {
        end++;
      }
      String line = stem.substring(start, end);
      if (!line.isBlank()) {
        return line.strip();
      }
      start = end + 1; // "\r\n" leaves an empty line between, which is blank
    }
    return "";
  }

  /** The characters {@code \R} breaks a line at. */
  private static boolean isLineBreak(char c) {
    return c == '\n'
        || c == '\r'
        || c == '\u000B'
        || c == '\f'
        || c == '\u0085'
        || c == '\u2028'
        || c == '\u2029';
  }

  /** {@code [\s.,;:]}, with {@code \s} as Java's regular expressions read it. */
  private static boolean isTrailingPunctuation(char c) {
    return c == ' '
        || c == '\t'
        || c == '\n'
        || c == '\u000B'
        || c == '\f'
        || c == '\r'
        || c == '.'
        || c == ','
        || c == ';'
        || c == ':';
  }
}
