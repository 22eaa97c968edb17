package dev.spool.domain.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** What one item of a batch should generate. */
public sealed interface ItemSpec {

  /**
   * One question planned from a {@link GenerationConfig}.
   *
   * @param scope the objectives and concepts this question covers
   */
  record Question(
      QuestionType type, Difficulty difficulty, List<ScopeRef> scope, Optional<UUID> templateId)
      implements ItemSpec {
    public Question {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(difficulty, "difficulty");
      scope = List.copyOf(scope);
      Objects.requireNonNull(templateId, "templateId");
      if (scope.isEmpty()) {
        throw new IllegalArgumentException("a question covers at least one scope id");
      }
    }
  }

  /** One item given explicitly by name and prompt, as in an item-list batch. */
  record Prompt(String name, String prompt) implements ItemSpec {
    public Prompt {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("an item needs a name");
      }
      if (prompt == null || prompt.isBlank()) {
        throw new IllegalArgumentException("an item needs a prompt");
      }
    }
  }
}
