package dev.spool.domain.question;

import dev.spool.domain.config.Difficulty;
import dev.spool.domain.config.QuestionType;
import dev.spool.domain.config.ScopeRef;
import java.util.List;
import java.util.Objects;

/**
 * The result of one successful generation: a single-best-answer question, with where it came from
 * and what it cost.
 *
 * @param correctLabel the label of the one correct option
 * @param provider the provider that generated it, {@code simulated} for the simulator
 */
public record GeneratedQuestion(
    QuestionType type,
    Difficulty difficulty,
    String stem,
    List<AnswerOption> options,
    String correctLabel,
    String explanation,
    List<ScopeRef> scope,
    String provider,
    String model,
    TokenUsage usage) {

  public GeneratedQuestion {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(difficulty, "difficulty");
    Objects.requireNonNull(stem, "stem");
    options = List.copyOf(options);
    Objects.requireNonNull(correctLabel, "correctLabel");
    Objects.requireNonNull(explanation, "explanation");
    scope = List.copyOf(scope);
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(usage, "usage");
  }
}
