package dev.spool.domain.question;

/**
 * What a generated question must satisfy to count as completed.
 *
 * @param minStemLength the fewest characters a stem may have (default 80)
 */
public record QuestionRules(int minStemLength) {
  public static final QuestionRules DEFAULT = new QuestionRules(80);
  public static final int MIN_OPTIONS = 4;
  public static final int MAX_OPTIONS = 5;

  public QuestionRules {
    if (minStemLength < 1) {
      throw new IllegalArgumentException("minStemLength must be at least 1, was " + minStemLength);
    }
  }
}
