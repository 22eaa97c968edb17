package dev.spool.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.CreateBatch;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.config.GenerationDraft;
import dev.spool.domain.config.ItemListDraft;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CreateBatchParserTest {
  private static final Actor ACTOR = new Actor(new UserId(UUID.randomUUID()), Set.of("faculty"));
  private final CreateBatchParser parser = new CreateBatchParser(JsonMapper.create());
  private final String course = UUID.randomUUID().toString();

  private CreateBatch.Command parse(String json) {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8), ACTOR, Optional.of("k"));
  }

  @Test
  void seed_001s_body_becomes_a_generation_draft() {
    var parsed =
        parse(
            """
            {"courseId":"%s","targetCount":20,"scope":{"sloIds":["%s"]},
             "questionType":"single_best_answer",
             "difficultyDistribution":{"easy":30,"medium":50,"hard":20}}
            """
                .formatted(course, UUID.randomUUID()));

    assertThat(parsed.courseId().toString()).isEqualTo(course);
    assertThat(parsed.idempotencyKey()).contains("k");
    assertThat(parsed.config()).isInstanceOf(GenerationDraft.class);
    assertThat(((GenerationDraft) parsed.config()).targetCount()).isEqualTo(20);
  }

  @Test
  void an_items_body_becomes_an_item_list_draft() {
    var parsed =
        parse(
            """
            {"courseId":"%s","items":[{"name":"a","prompt":"p"}],"concurrency":2}
            """
                .formatted(course));

    assertThat(parsed.config()).isInstanceOf(ItemListDraft.class);
  }

  @Test
  void values_are_translated_not_judged_so_the_application_can_list_every_error_at_once() {
    var parsed = parse("{\"name\":\"\",\"targetCount\":1000000}");

    assertThat(parsed.courseId()).isNull();
    assertThat(parsed.name()).contains("");
    assertThat(((GenerationDraft) parsed.config()).targetCount()).isEqualTo(1_000_000);
  }

  @Test
  void items_and_generation_fields_together_are_refused() {
    assertThatThrownBy(() ->
            parse(
                "{\"courseId\":\"%s\",\"targetCount\":2,\"items\":[{\"name\":\"a\",\"prompt\":\"p\"}]}"
                    .formatted(course)))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.code()).isEqualTo("VALIDATION_ERROR");
              assertThat(e.details().getFirst().field()).isEqualTo("items");
            });
  }

  @Test
  void an_unknown_nested_field_is_named_with_its_path() {
    assertThatThrownBy(
            () -> parse("{\"courseId\":\"%s\",\"items\":[{\"nam\":\"a\"}]}".formatted(course)))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.code()).isEqualTo("VALIDATION_ERROR");
              assertThat(e.details().getFirst().field()).isEqualTo("items[0].nam");
            });
  }

  @Test
  void syntax_errors_and_non_objects_are_malformed() {
    for (String bad : new String[] {"{", "", "[]", "null", "42", "{\"a\":1}{}", "\"text\""}) {
      assertThatThrownBy(() -> parse(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              ApiError.class,
              e -> assertThat(e.code()).isIn("MALFORMED_REQUEST", "VALIDATION_ERROR"));
    }
    assertThatThrownBy(() -> parse("{"))
        .isInstanceOfSatisfying(
            ApiError.class, e -> assertThat(e.code()).isEqualTo("MALFORMED_REQUEST"));
  }

  @Test
  void a_budget_at_create_is_read_exactly_in_dollars() {
    var parsed =
        parse(
            """
            {"courseId":"%s","items":[{"name":"a","prompt":"p"}],"budgetUsd":0.1}
            """
                .formatted(course));
    assertThat(parsed.budget()).contains(dev.spool.domain.money.Money.usd("0.1"));
  }

  @Test
  void a_budget_that_is_not_a_positive_amount_is_a_field_error() {
    for (String bad : new String[] {"0", "-1", "0.0000000001", "\"ten\""}) {
      assertThatThrownBy(() ->
              parse(
                  """
                  {"courseId":"%s","items":[{"name":"a","prompt":"p"}],"budgetUsd":%s}
                  """
                      .formatted(course, bad)))
          .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
    }
  }

  @Test
  void a_budget_body_sets_removes_or_is_absent() {
    byte[] set = "{\"budgetUsd\": 2.5}".getBytes(StandardCharsets.UTF_8);
    byte[] remove = "{\"budgetUsd\": null}".getBytes(StandardCharsets.UTF_8);
    assertThat(parser.budgetBody(set, true))
        .contains(Optional.of(dev.spool.domain.money.Money.usd("2.5")));
    assertThat(parser.budgetBody(remove, true)).contains(Optional.empty());
    assertThat(parser.budgetBody(new byte[0], false)).isEmpty();
    assertThat(parser.budgetBody("null".getBytes(StandardCharsets.UTF_8), false)).isEmpty();
    assertThatThrownBy(() -> parser.budgetBody("{}".getBytes(StandardCharsets.UTF_8), true))
        .isInstanceOf(ApiError.class);
    assertThatThrownBy(
            () -> parser.budgetBody("{\"budget\":1}".getBytes(StandardCharsets.UTF_8), false))
        .isInstanceOf(ApiError.class);
    assertThatThrownBy(
            () -> parser.budgetBody("{\"budgetUsd\":\"1\"}".getBytes(StandardCharsets.UTF_8), true))
        .isInstanceOf(ApiError.class);
  }
}
