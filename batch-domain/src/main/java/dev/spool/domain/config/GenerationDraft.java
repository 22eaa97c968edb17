package dev.spool.domain.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The seed's create-batch body before validation. Absent optional fields take their defaults:
 * concurrency 5, maxRetries 2.
 */
public record GenerationDraft(
    Integer targetCount,
    List<UUID> sloIds,
    List<UUID> conceptIds,
    String questionType,
    Integer easy,
    Integer medium,
    Integer hard,
    UUID templateId,
    Integer concurrency,
    Integer maxRetries)
    implements BatchConfigDraft {

  @Override
  public GenerationConfig validate(ConfigLimits limits) {
    FieldChecks checks = new FieldChecks();
    int count = checks.requiredRange("targetCount", targetCount, 1, limits.maxItems());
    List<UUID> slos = sloIds == null ? List.of() : sloIds;
    List<UUID> concepts = conceptIds == null ? List.of() : conceptIds;
    if (slos.isEmpty() && concepts.isEmpty()) {
      checks.add(
          FieldError.invalid("scope", "scope needs at least one id in sloIds or conceptIds"));
    }
    if (slos.stream().anyMatch(Objects::isNull) || concepts.stream().anyMatch(Objects::isNull)) {
      checks.add(FieldError.invalid("scope", "scope ids must not be null"));
    }
    Optional<QuestionType> type = parsedQuestionType();
    DifficultyDistribution mix = distribution(checks);
    ExecutionSettings execution = checks.execution(concurrency, maxRetries, limits);
    if (type.isEmpty()) {
      checks.add(
          questionType == null
              ? FieldError.required("questionType")
              : FieldError.invalid("questionType", "questionType must be single_best_answer"));
    }
    checks.throwIfAny();
    return new GenerationConfig(
        count,
        new Scope(slos, concepts),
        type.orElseThrow(),
        mix,
        Optional.ofNullable(templateId),
        execution);
  }

  private Optional<QuestionType> parsedQuestionType() {
    return questionType == null ? Optional.empty() : QuestionType.fromWireName(questionType);
  }

  private DifficultyDistribution distribution(FieldChecks checks) {
    String field = "difficultyDistribution";
    if (easy == null || medium == null || hard == null) {
      checks.add(FieldError.invalid(field, field + " needs easy, medium and hard percentages"));
      return null;
    }
    if (easy < 0 || medium < 0 || hard < 0 || easy + medium + hard != 100) {
      checks.add(
          FieldError.invalid(
              field,
              field
                  + " percentages must be 0 or more and sum to 100 (they sum to "
                  + ((long) easy + medium + hard)
                  + ")"));
      return null;
    }
    return new DifficultyDistribution(easy, medium, hard);
  }
}
