package dev.spool.domain.question;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.domain.config.Difficulty;
import dev.spool.domain.config.QuestionType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuestionValidatorTest {
  private static final String STEM =
      "A 64-year-old man presents with crushing chest pain radiating"
          + " to his left arm. Which drug should be given first?";
  private static final List<AnswerOption> OPTIONS =
      List.of(
          new AnswerOption("A", "Aspirin"),
          new AnswerOption("B", "Heparin"),
          new AnswerOption("C", "Warfarin"),
          new AnswerOption("D", "Clopidogrel"));
  private final QuestionValidator validator = new QuestionValidator(QuestionRules.DEFAULT);

  private static GeneratedQuestion question(
      String stem,
      List<AnswerOption> options,
      String correct,
      String explanation,
      Difficulty difficulty) {
    return new GeneratedQuestion(
        QuestionType.SINGLE_BEST_ANSWER,
        difficulty,
        stem,
        options,
        correct,
        explanation,
        List.of(),
        "test",
        "m",
        TokenUsage.NONE);
  }

  private static GeneratedQuestion valid() {
    return question(STEM, OPTIONS, "A", "Aspirin first in suspected ACS.", Difficulty.MEDIUM);
  }

  private Optional<String> error(GeneratedQuestion q) {
    return validator.error(q, Optional.of(Difficulty.MEDIUM));
  }

  @Test
  void a_well_formed_question_passes() {
    assertThat(error(valid())).isEmpty();
  }

  @Test
  void a_short_stem_is_reported_in_the_seeds_style() {
    String stem = "Which drug is given first in chest pain?";

    assertThat(error(question(stem, OPTIONS, "A", "x", Difficulty.MEDIUM)))
        .contains("ValidationEngineError: stem too short (40 < 80 chars)");
  }

  @Test
  void the_minimum_stem_length_is_configurable() {
    QuestionValidator lenient = new QuestionValidator(new QuestionRules(20));
    GeneratedQuestion q =
        question("Which drug is given first in chest pain?", OPTIONS, "A", "x", Difficulty.MEDIUM);

    assertThat(lenient.error(q, Optional.empty())).isEmpty();
  }

  @Test
  void there_must_be_four_or_five_options() {
    assertThat(error(question(STEM, OPTIONS.subList(0, 3), "A", "x", Difficulty.MEDIUM)))
        .hasValueSatisfying(e -> assertThat(e).contains("needs 4 or 5 options (has 3)"));
    var six = new java.util.ArrayList<>(OPTIONS);
    six.add(new AnswerOption("E", "Morphine"));
    six.add(new AnswerOption("F", "Oxygen"));
    assertThat(error(question(STEM, six, "A", "x", Difficulty.MEDIUM)))
        .hasValueSatisfying(e -> assertThat(e).contains("(has 6)"));
    assertThat(error(question(STEM, six.subList(0, 5), "A", "x", Difficulty.MEDIUM))).isEmpty();
  }

  @Test
  void options_must_be_distinct_and_non_empty() {
    List<AnswerOption> duplicate =
        List.of(
            new AnswerOption("A", "Aspirin"),
            new AnswerOption("B", " aspirin "),
            new AnswerOption("C", "Warfarin"),
            new AnswerOption("D", "Heparin"));
    List<AnswerOption> blank =
        List.of(
            new AnswerOption("A", "Aspirin"),
            new AnswerOption("B", " "),
            new AnswerOption("C", "Warfarin"),
            new AnswerOption("D", "Heparin"));

    assertThat(error(question(STEM, duplicate, "A", "x", Difficulty.MEDIUM)))
        .hasValueSatisfying(e -> assertThat(e).contains("options are not distinct ('B')"));
    assertThat(error(question(STEM, blank, "A", "x", Difficulty.MEDIUM)))
        .hasValueSatisfying(e -> assertThat(e).contains("an option is empty"));
  }

  @Test
  void options_that_differ_only_in_case_and_inner_whitespace_are_the_same_option() {
    List<AnswerOption> spaced =
        List.of(
            new AnswerOption("A", "Low molecular weight heparin"),
            new AnswerOption("B", "low \t molecular\n weight  HEPARIN"),
            new AnswerOption("C", "Warfarin"),
            new AnswerOption("D", "Aspirin"));

    assertThat(error(question(STEM, spaced, "A", "x", Difficulty.MEDIUM)))
        .hasValueSatisfying(e -> assertThat(e).contains("options are not distinct ('B')"));
  }

  @Test
  void a_catch_all_is_found_whatever_its_spacing_and_case() {
    List<AnswerOption> catchAll =
        List.of(
            new AnswerOption("A", "Aspirin"),
            new AnswerOption("B", "Heparin"),
            new AnswerOption("C", "Warfarin"),
            new AnswerOption("D", "  ALL\tof  the\n\nabove "));

    assertThat(error(question(STEM, catchAll, "A", "x", Difficulty.MEDIUM)))
        .hasValueSatisfying(e -> assertThat(e).contains("option D is a catch-all"));
  }

  @Test
  void a_catch_all_inside_a_longer_option_is_found_but_a_word_ending_in_all_is_not() {
    List<AnswerOption> inside =
        List.of(
            new AnswerOption("A", "Aspirin"),
            new AnswerOption("B", "Heparin"),
            new AnswerOption("C", "Warfarin"),
            new AnswerOption("D", "Give all of the options at once"));
    List<AnswerOption> recall =
        List.of(
            new AnswerOption("A", "Aspirin"),
            new AnswerOption("B", "Heparin"),
            new AnswerOption("C", "Warfarin"),
            new AnswerOption("D", "Recall of the above history"));

    assertThat(error(question(STEM, inside, "A", "x", Difficulty.MEDIUM)))
        .hasValueSatisfying(e -> assertThat(e).contains("option D is a catch-all"));
    assertThat(error(question(STEM, recall, "A", "x", Difficulty.MEDIUM))).isEmpty();
  }

  @Test
  void the_correct_label_matches_its_option_whatever_its_case_and_spacing() {
    assertThat(error(question(STEM, OPTIONS, " c ", "x", Difficulty.MEDIUM))).isEmpty();
  }

  @Test
  void exactly_one_option_must_be_correct() {
    assertThat(error(question(STEM, OPTIONS, "E", "x", Difficulty.MEDIUM)))
        .hasValueSatisfying(
            e -> assertThat(e).contains("exactly one correct option ('E' matches 0)"));
  }

  @Test
  void an_explanation_is_required() {
    assertThat(error(question(STEM, OPTIONS, "A", "  ", Difficulty.MEDIUM)))
        .hasValueSatisfying(e -> assertThat(e).contains("explanation missing"));
  }

  @Test
  void the_difficulty_must_match_the_one_requested() {
    assertThat(error(question(STEM, OPTIONS, "A", "x", Difficulty.HARD)))
        .hasValueSatisfying(
            e -> assertThat(e).contains("difficulty hard does not match the requested medium"));
  }

  @Test
  void all_or_none_of_the_above_is_not_allowed() {
    List<AnswerOption> catchAll =
        List.of(
            new AnswerOption("A", "Aspirin"),
            new AnswerOption("B", "Heparin"),
            new AnswerOption("C", "Warfarin"),
            new AnswerOption("D", "None of the above"));

    assertThat(error(question(STEM, catchAll, "A", "x", Difficulty.MEDIUM)))
        .hasValueSatisfying(e -> assertThat(e).contains("option D is a catch-all"));
  }

  @Test
  void every_problem_is_listed_at_once() {
    assertThat(
            validator.problems(
                question("short", OPTIONS.subList(0, 2), "Z", "", Difficulty.EASY),
                Optional.of(Difficulty.HARD)))
        .hasSize(5);
  }
}
