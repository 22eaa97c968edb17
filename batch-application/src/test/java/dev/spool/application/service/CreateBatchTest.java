package dev.spool.application.service;

import static dev.spool.application.fake.SpoolTestKit.OWNER;
import static dev.spool.application.fake.SpoolTestKit.questions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.application.Spool;
import dev.spool.application.fake.SpoolTestKit;
import dev.spool.application.model.PageRequest;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.CreateBatch;
import dev.spool.application.port.in.IdempotencyKeyReused;
import dev.spool.domain.batch.AccessDenied;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.CourseId;
import dev.spool.domain.config.Difficulty;
import dev.spool.domain.config.FieldError;
import dev.spool.domain.config.GenerationDraft;
import dev.spool.domain.config.InvalidBatchConfig;
import dev.spool.domain.config.ItemSpec;
import dev.spool.domain.event.BatchProgressed;
import dev.spool.domain.event.BatchStatusChanged;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CreateBatchTest {
  private final SpoolTestKit kit = new SpoolTestKit();
  private final Spool spool = kit.node("node-a");

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void a_new_batch_is_planned_stored_and_started() {
    CreateBatch.Result result = spool.useCases().createBatch().create(questions(OWNER, 20, 5, 2));

    assertThat(result.created()).isTrue();
    assertThat(result.batch().status()).isEqualTo(BatchStatus.RUNNING);
    assertThat(result.batch().counts().total()).isEqualTo(20);
    List<BatchItem> items = kit.items(result.batch().id());
    Map<Difficulty, Long> mix =
        items.stream()
            .map(i -> ((ItemSpec.Question) i.spec()).difficulty())
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(mix)
        .containsEntry(Difficulty.EASY, 6L)
        .containsEntry(Difficulty.MEDIUM, 10L)
        .containsEntry(Difficulty.HARD, 4L);
    assertThat(kit.events(result.batch().id()))
        .extracting(e -> e.event().type())
        .containsExactly("batch.started", "batch.progress");
  }

  @Test
  void every_field_error_is_reported_together_with_the_name() {
    GenerationDraft bad =
        new GenerationDraft(
            0, List.of(), List.of(), "single_best_answer", 10, 10, 10, null, 99, null);
    var command =
        new CreateBatch.Command(
            OWNER,
            new CourseId(UUID.randomUUID()),
            Optional.of("x".repeat(201)),
            bad,
            Optional.empty());

    assertFieldErrors(
        command, "name", "targetCount", "scope", "difficultyDistribution", "concurrency");
  }

  @Test
  void a_missing_course_and_a_bad_key_are_listed_with_the_config_errors() {
    GenerationDraft noItems =
        new GenerationDraft(0, null, null, "single_best_answer", 30, 50, 20, null, 2, null);
    var command =
        new CreateBatch.Command(OWNER, null, Optional.empty(), noItems, Optional.of("caf\u00e9"));

    assertFieldErrors(command, "courseId", "Idempotency-Key", "targetCount", "scope");
  }

  /**
   * Creating {@code command} is refused with exactly these field errors, all at once, and nothing
   * is stored.
   */
  private void assertFieldErrors(CreateBatch.Command command, String... fields) {
    assertThatThrownBy(() -> spool.useCases().createBatch().create(command))
        .isInstanceOfSatisfying(
            InvalidBatchConfig.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder(fields));
    assertThat(
            spool
                .useCases()
                .listBatches()
                .list(OWNER, Optional.empty(), PageRequest.firstPage())
                .items())
        .isEmpty();
  }

  @Test
  void a_name_with_a_nul_is_refused_and_nothing_is_stored() {
    CreateBatch.Command good = questions(OWNER, 5, 2, 2);
    var command =
        new CreateBatch.Command(
            OWNER, good.courseId(), Optional.of("a\u0000b"), good.config(), Optional.empty());

    assertFieldErrors(command, "name");
  }

  @Test
  void a_name_of_two_hundred_emoji_is_within_the_limit() {
    CreateBatch.Command good = questions(OWNER, 2, 1, 0);
    String emoji = "\uD83D\uDE00".repeat(200);
    var command =
        new CreateBatch.Command(
            OWNER, good.courseId(), Optional.of(emoji), good.config(), Optional.empty());

    assertThat(spool.useCases().createBatch().create(command).batch().name()).hasValue(emoji);
  }

  @Test
  void the_same_idempotency_key_returns_the_first_batch_instead_of_a_duplicate() {
    CreateBatch.Command command = withKey(questions(OWNER, 5, 2, 2), "retry-me");

    CreateBatch.Result first = spool.useCases().createBatch().create(command);
    CreateBatch.Result again = spool.useCases().createBatch().create(command);

    assertThat(again.created()).isFalse();
    assertThat(again.batch().id()).isEqualTo(first.batch().id());
    assertThat(
            spool
                .useCases()
                .listBatches()
                .list(OWNER, Optional.empty(), PageRequest.firstPage())
                .items())
        .hasSize(1);
  }

  @Test
  void a_key_reused_for_a_different_request_is_refused() {
    CreateBatch.Command first = withKey(questions(OWNER, 5, 2, 2), "k");
    spool.useCases().createBatch().create(first);

    CreateBatch.Command different =
        new CreateBatch.Command(
            OWNER,
            first.courseId(),
            Optional.empty(),
            questions(OWNER, 6, 2, 2).config(),
            first.idempotencyKey());

    assertThatThrownBy(() -> spool.useCases().createBatch().create(different))
        .isInstanceOf(IdempotencyKeyReused.class)
        .hasMessageContaining("'k'");
  }

  @Test
  void creating_a_batch_needs_the_faculty_role() {
    Actor student = new Actor(OWNER.id(), Set.of("student"));

    assertThatThrownBy(() -> spool.useCases().createBatch().create(questions(student, 5, 2, 2)))
        .isInstanceOf(AccessDenied.class)
        .hasMessageContaining("faculty");
  }

  @Test
  void an_item_list_batch_keeps_its_items_in_order() {
    var batch = spool.useCases().createBatch().create(SpoolTestKit.itemList(OWNER, 3, 1)).batch();

    assertThat(kit.items(batch.id()))
        .extracting(i -> ((ItemSpec.Prompt) i.spec()).name())
        .containsExactly("item 0", "item 1", "item 2");
    assertThat(kit.events(batch.id(), BatchStatusChanged.class)).hasSize(1);
    assertThat(kit.events(batch.id(), BatchProgressed.class)).hasSize(1);
  }

  private static CreateBatch.Command withKey(CreateBatch.Command command, String key) {
    return new CreateBatch.Command(
        command.actor(), command.courseId(), command.name(), command.config(), Optional.of(key));
  }
}
