package dev.spool.domain.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GenerationDraftTest {
  private static final UUID SLO = new UUID(1, 1);
  private static final UUID CONCEPT = new UUID(2, 2);

  static GenerationDraft valid() {
    return new GenerationDraft(
        20, List.of(SLO), List.of(CONCEPT), "single_best_answer", 30, 50, 20, null, null, null);
  }

  @Test
  void a_valid_draft_becomes_a_config_with_default_concurrency_and_retries() {
    GenerationConfig config = valid().validate(ConfigLimits.DEFAULT);

    assertThat(config.targetCount()).isEqualTo(20);
    assertThat(config.execution()).isEqualTo(new ExecutionSettings(5, 2));
    assertThat(config.execution().maxAttempts()).isEqualTo(3);
    assertThat(config.templateId()).isEmpty();
  }

  @Test
  void every_field_error_is_listed_not_only_the_first() {
    GenerationDraft draft =
        new GenerationDraft(0, List.of(), List.of(), "essay", 30, 50, 30, null, 0, 11);

    assertThatThrownBy(() -> draft.validate(ConfigLimits.DEFAULT))
        .isInstanceOfSatisfying(
            InvalidBatchConfig.class,
            e -> {
              assertThat(e.code()).isEqualTo("VALIDATION_ERROR");
              assertThat(e.errors())
                  .extracting(FieldError::field)
                  .containsExactlyInAnyOrder(
                      "targetCount",
                      "scope",
                      "questionType",
                      "difficultyDistribution",
                      "concurrency",
                      "maxRetries");
            });
  }

  @Test
  void missing_required_fields_are_reported_as_required() {
    GenerationDraft empty =
        new GenerationDraft(null, null, null, null, null, null, null, null, null, null);

    assertThatThrownBy(() -> empty.validate(ConfigLimits.DEFAULT))
        .isInstanceOfSatisfying(
            InvalidBatchConfig.class,
            e ->
                assertThat(e.errors())
                    .filteredOn(f -> f.code().equals("required"))
                    .extracting(FieldError::field)
                    .contains("targetCount", "questionType"));
  }

  @Test
  void the_target_count_bound_is_configurable() {
    GenerationDraft big =
        new GenerationDraft(
            50_000, List.of(SLO), List.of(), "single_best_answer", 30, 50, 20, null, null, null);

    assertThatThrownBy(() -> big.validate(ConfigLimits.DEFAULT))
        .isInstanceOf(InvalidBatchConfig.class)
        .hasMessageContaining("between 1 and 10000");
    assertThat(big.validate(new ConfigLimits(100_000, 50)).targetCount()).isEqualTo(50_000);
  }

  @Test
  void concurrency_is_bounded_by_the_configured_maximum() {
    GenerationDraft draft =
        new GenerationDraft(
            5, List.of(SLO), List.of(), "single_best_answer", 30, 50, 20, null, 51, 10);

    assertThatThrownBy(() -> draft.validate(ConfigLimits.DEFAULT))
        .isInstanceOf(InvalidBatchConfig.class)
        .hasMessageContaining("concurrency must be between 1 and 50");
    assertThat(draft.validate(new ConfigLimits(10_000, 64)).execution().concurrency())
        .isEqualTo(51);
  }

  @Test
  void planning_expands_into_exactly_target_count_items_deterministically() {
    GenerationConfig config = valid().validate(ConfigLimits.DEFAULT);

    List<ItemSpec> items = config.planItems();

    assertThat(items).hasSize(20).isEqualTo(config.planItems());
    assertThat(items).allSatisfy(item -> assertThat(item).isInstanceOf(ItemSpec.Question.class));
  }

  @Test
  void scope_ids_are_spread_round_robin() {
    List<ItemSpec> items = valid().validate(ConfigLimits.DEFAULT).planItems();

    List<UUID> firstIds =
        items.stream().map(i -> ((ItemSpec.Question) i).scope().getFirst().id()).toList();
    assertThat(firstIds.subList(0, 4)).containsExactly(SLO, CONCEPT, SLO, CONCEPT);
  }

  @Test
  void with_more_scope_ids_than_items_every_id_is_still_covered() {
    List<UUID> ids = List.of(new UUID(0, 1), new UUID(0, 2), new UUID(0, 3), new UUID(0, 4));
    Scope scope = new Scope(ids, List.of());

    List<List<ScopeRef>> spread = scope.spreadOver(3);

    assertThat(spread.get(0)).extracting(ScopeRef::id).containsExactly(ids.get(0), ids.get(3));
    assertThat(spread.stream().flatMap(List::stream).map(ScopeRef::id))
        .containsExactlyInAnyOrderElementsOf(ids);
  }
}
