package dev.spool.bench;

import dev.spool.application.port.out.GenerationRequest;
import dev.spool.application.port.out.QuestionGenerator;
import dev.spool.domain.config.Difficulty;
import dev.spool.domain.config.ItemSpec;
import dev.spool.domain.config.QuestionType;
import dev.spool.domain.question.AnswerOption;
import dev.spool.domain.question.GeneratedQuestion;
import dev.spool.domain.question.TokenUsage;
import java.util.List;

/** A generator that answers at once, so a benchmark measures Spool and not a model. */
final class InstantGenerator implements QuestionGenerator {
  private static final List<AnswerOption> OPTIONS =
      List.of(
          new AnswerOption("A", "Aspirin"),
          new AnswerOption("B", "Heparin"),
          new AnswerOption("C", "Warfarin"),
          new AnswerOption("D", "Clopidogrel"));

  @Override
  public GeneratedQuestion generate(GenerationRequest request) {
    Difficulty difficulty =
        request.spec() instanceof ItemSpec.Question q ? q.difficulty() : Difficulty.MEDIUM;
    return new GeneratedQuestion(
        QuestionType.SINGLE_BEST_ANSWER,
        difficulty,
        "A 64-year-old presents with chest pain radiating to the left arm. Which drug is given"
            + " first?",
        OPTIONS,
        "A",
        "Aspirin is given first in suspected ACS.",
        List.of(),
        "benchmark",
        "instant",
        new TokenUsage(350, 180));
  }
}
