package dev.spool.domain.question;

import dev.spool.domain.config.Difficulty;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validation engine: checks a generated single-best-answer question before it counts as
 * completed. Every problem is reported, in the seeds' style, such as {@code ValidationEngineError:
 * stem too short (42 < 80 chars)}.
 */
public final class QuestionValidator {
  private static final Pattern CATCH_ALL =
      Pattern.compile("\\b(all|none) of the (above|options|answers)\\b");

  /**
   * Every catch-all {@link #CATCH_ALL} finds in a normalised text contains this; looking for it
   * first spares the regular expression on nearly every option.
   */
  private static final String CATCH_ALL_CORE = " of the ";

  private final QuestionRules rules;

  public QuestionValidator(QuestionRules rules) {
    this.rules = rules;
  }

  /**
   * @param requested the difficulty the item asked for, if it asked for one
   * @return the problems found; empty if the question is valid
   */
  public List<String> problems(GeneratedQuestion question, Optional<Difficulty> requested) {
    List<String> problems = new ArrayList<>();
    int stem = question.stem().strip().length();
    if (stem < rules.minStemLength()) {
      problems.add("stem too short (" + stem + " < " + rules.minStemLength() + " chars)");
    }
    checkOptions(question, problems);
    if (question.explanation().isBlank()) {
      problems.add("explanation missing");
    }
    requested
        .filter(d -> d != question.difficulty())
        .ifPresent(d ->
            problems.add(
                "difficulty " + question.difficulty() + " does not match the requested " + d));
    return problems;
  }

  /** The problems as one readable error message, or empty if there are none. */
  public Optional<String> error(GeneratedQuestion question, Optional<Difficulty> requested) {
    List<String> problems = problems(question, requested);
    return problems.isEmpty()
        ? Optional.empty()
        : Optional.of("ValidationEngineError: " + String.join("; ", problems));
  }

  private static void checkOptions(GeneratedQuestion question, List<String> problems) {
    List<AnswerOption> options = question.options();
    if (options.size() < QuestionRules.MIN_OPTIONS || options.size() > QuestionRules.MAX_OPTIONS) {
      problems.add("needs 4 or 5 options (has " + options.size() + ")");
    }
    Set<String> labels = new HashSet<>();
    Set<String> texts = new HashSet<>();
    String correctLabel = normal(question.correctLabel());
    long correct = 0;
    for (AnswerOption option : options) {
      String label = normal(option.label());
      String text = normal(option.text());
      if (label.isEmpty() || text.isEmpty()) {
        problems.add("an option is empty");
      } else if (!labels.add(label) | !texts.add(text)) {
        problems.add("options are not distinct ('" + option.label() + "')");
      }
      if (label.equals(correctLabel)) {
        correct++;
      }
      if (text.contains(CATCH_ALL_CORE) && CATCH_ALL.matcher(text).find()) {
        problems.add(
            "option "
                + option.label()
                + " is a catch-all ('"
                + option.text().strip()
                + "'), not allowed in single-best-answer questions");
      }
    }
    if (correct != 1) {
      problems.add(
          "needs exactly one correct option ('"
              + question.correctLabel()
              + "' matches "
              + correct
              + ")");
    }
  }

  /**
   * Trimmed, lower-case, with each run of whitespace as one space; empty if blank. Written out
   * rather than as a regular expression: it runs about twenty times per generated question.
   */
  private static String normal(String text) {
    String lower = text.strip().toLowerCase(Locale.ROOT);
    StringBuilder normal = new StringBuilder(lower.length());
    boolean afterSpace = false;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      boolean space = Character.isWhitespace(c);
      if (!space) {
        normal.append(c);
      } else if (!afterSpace) {
        normal.append(' ');
      }
      afterSpace = space;
    }
    return normal.toString();
  }
}
