package dev.spool.domain.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A batch of {@code targetCount} generated questions over a scope and a difficulty mix. */
public record GenerationConfig(
    int targetCount,
    Scope scope,
    QuestionType questionType,
    DifficultyDistribution difficultyDistribution,
    Optional<UUID> templateId,
    ExecutionSettings execution)
    implements BatchConfig {

  public GenerationConfig {
    if (targetCount < 1) {
      throw new IllegalArgumentException("targetCount must be at least 1, was " + targetCount);
    }
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(questionType, "questionType");
    Objects.requireNonNull(difficultyDistribution, "difficultyDistribution");
    Objects.requireNonNull(templateId, "templateId");
    Objects.requireNonNull(execution, "execution");
  }

  @Override
  public int itemCount() {
    return targetCount;
  }

  /** A generation config is its own summary: it lists nothing. */
  @Override
  public GenerationConfig summary() {
    return this;
  }

  @Override
  public List<ItemSpec> planItems() {
    List<Difficulty> difficulties = difficultyDistribution.sequence(targetCount);
    List<List<ScopeRef>> scopes = scope.spreadOver(targetCount);
    List<ItemSpec> items = new ArrayList<>(targetCount);
    for (int i = 0; i < targetCount; i++) {
      items.add(
          new ItemSpec.Question(questionType, difficulties.get(i), scopes.get(i), templateId));
    }
    return items;
  }
}
