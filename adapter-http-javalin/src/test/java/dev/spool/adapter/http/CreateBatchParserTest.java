package dev.spool.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.domain.config.ConfigLimits;
import dev.spool.domain.config.FieldError;
import dev.spool.domain.config.GenerationDraft;
import dev.spool.domain.config.InvalidBatchConfig;
import dev.spool.domain.config.ItemListDraft;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CreateBatchParserTest {
  private final CreateBatchParser parser =
      new CreateBatchParser(JsonMapper.create(), new ConfigLimits(100, 10));
  private final String course = UUID.randomUUID().toString();

  private CreateBatchParser.Parsed parse(String json) {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8));
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
    assertThat(parsed.draft()).isInstanceOf(GenerationDraft.class);
    assertThat(((GenerationDraft) parsed.draft()).targetCount()).isEqualTo(20);
  }

  @Test
  void an_items_body_becomes_an_item_list_draft() {
    var parsed =
        parse(
            """
            {"courseId":"%s","items":[{"name":"a","prompt":"p"}],"concurrency":2}
            """
                .formatted(course));

    assertThat(parsed.draft()).isInstanceOf(ItemListDraft.class);
  }

  @Test
  void the_adapters_and_the_domains_field_errors_are_listed_together() {
    assertThatThrownBy(() -> parse("{\"name\":\"\",\"targetCount\":1000}"))
        .isInstanceOfSatisfying(
            InvalidBatchConfig.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .contains("courseId", "name", "targetCount", "scope", "questionType"));
  }

  @Test
  void items_and_generation_fields_together_are_refused() {
    assertThatThrownBy(() ->
            parse(
                "{\"courseId\":\"%s\",\"targetCount\":2,\"items\":[{\"name\":\"a\",\"prompt\":\"p\"}]}"
                    .formatted(course)))
        .isInstanceOfSatisfying(
            InvalidBatchConfig.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).contains("items"));
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
}
