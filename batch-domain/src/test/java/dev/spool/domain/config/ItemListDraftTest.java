package dev.spool.domain.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ItemListDraftTest {

  @Test
  void listed_items_are_planned_in_order() {
    ItemListDraft draft =
        new ItemListDraft(
            List.of(new ItemListDraft.Item("Knight v1", "p1"), new ItemListDraft.Item("v2", "p2")),
            3,
            0);

    ItemListConfig config = draft.validate(ConfigLimits.DEFAULT);

    assertThat(config.planItems())
        .containsExactly(new ItemSpec.Prompt("Knight v1", "p1"), new ItemSpec.Prompt("v2", "p2"));
    assertThat(config.execution()).isEqualTo(new ExecutionSettings(3, 0));
  }

  @Test
  void every_bad_item_is_reported_by_its_index() {
    ItemListDraft draft =
        new ItemListDraft(
            List.of(
                new ItemListDraft.Item("ok", "ok"),
                new ItemListDraft.Item(" ", "ok"),
                new ItemListDraft.Item("ok", null)),
            null,
            null);

    assertThatThrownBy(() -> draft.validate(ConfigLimits.DEFAULT))
        .isInstanceOfSatisfying(
            InvalidBatchConfig.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly("items[1].name", "items[2].prompt"));
  }

  @Test
  void an_empty_list_is_refused() {
    assertThatThrownBy(
            () -> new ItemListDraft(List.of(), null, null).validate(ConfigLimits.DEFAULT))
        .isInstanceOf(InvalidBatchConfig.class)
        .hasMessageContaining("items must be between 1 and 10000");
  }

  @Test
  void an_item_with_a_nul_or_a_broken_surrogate_is_refused_by_its_index() {
    ItemListDraft draft =
        new ItemListDraft(
            List.of(
                new ItemListDraft.Item("a\u0000b", "ok"),
                new ItemListDraft.Item("ok", "broken \uD800 prompt")),
            null,
            null);

    assertThatThrownBy(() -> draft.validate(ConfigLimits.DEFAULT))
        .isInstanceOfSatisfying(
            InvalidBatchConfig.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly("items[0].name", "items[1].prompt"));
  }
}
