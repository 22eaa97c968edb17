package dev.spool.application.service;

import static dev.spool.application.fake.SpoolTestKit.OWNER;
import static dev.spool.application.fake.SpoolTestKit.STRANGER;
import static dev.spool.application.fake.SpoolTestKit.questions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.application.Spool;
import dev.spool.application.fake.SpoolTestKit;
import dev.spool.application.model.BatchOverview;
import dev.spool.application.model.InvalidPageRequest;
import dev.spool.application.model.Page;
import dev.spool.application.model.PageRequest;
import dev.spool.application.port.in.GetBatch;
import dev.spool.application.port.in.ListItems;
import dev.spool.application.port.in.QuestionNotFound;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.ItemStatus;
import dev.spool.domain.batch.NotBatchOwner;
import dev.spool.domain.event.StemPreview;
import dev.spool.domain.question.QuestionId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueryBatchTest {
  private final SpoolTestKit kit = new SpoolTestKit();
  private final Spool spool = kit.node("node-a");

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void a_batch_is_read_with_its_progress_and_first_page_of_items() {
    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 30, 5, 2)).batch();

    GetBatch.Details details =
        spool.useCases().getBatch().get(OWNER, batch.id(), PageRequest.first(10));

    assertThat(details.overview().batch().id()).isEqualTo(batch.id());
    assertThat(details.overview().progress().pending()).isEqualTo(30);
    assertThat(details.overview().progress().progress()).isZero();
    assertThat(details.overview().progress().etaSeconds()).isEmpty();
    assertThat(details.items().items()).hasSize(10);
    assertThat(details.items().nextCursor()).isPresent();
  }

  @Test
  void the_list_is_the_callers_own_batches_newest_first_with_a_status_filter() {
    Batch first = spool.useCases().createBatch().create(questions(OWNER, 1, 1, 2)).batch();
    Batch second = spool.useCases().createBatch().create(questions(OWNER, 1, 1, 2)).batch();
    spool.useCases().createBatch().create(questions(STRANGER, 1, 1, 2));
    spool.useCases().pauseBatch().pause(OWNER, first.id());

    Page<BatchOverview> all =
        spool.useCases().listBatches().list(OWNER, Optional.empty(), PageRequest.firstPage());
    Page<BatchOverview> paused =
        spool
            .useCases()
            .listBatches()
            .list(OWNER, Optional.of(BatchStatus.PAUSED), PageRequest.firstPage());

    assertThat(all.items())
        .extracting(o -> o.batch().id())
        .containsExactly(second.id(), first.id());
    assertThat(paused.items()).extracting(o -> o.batch().id()).containsExactly(first.id());
  }

  @Test
  void items_are_paged_and_filtered_by_status() {
    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 5, 1, 2)).batch();

    Page<BatchItem> page =
        spool
            .useCases()
            .listItems()
            .list(OWNER, batch.id(), Optional.of(ItemStatus.PENDING), PageRequest.first(2));
    Page<BatchItem> next =
        spool
            .useCases()
            .listItems()
            .list(
                OWNER,
                batch.id(),
                Optional.of(ItemStatus.PENDING),
                new PageRequest(2, page.nextCursor()));

    assertThat(page.items()).extracting(BatchItem::position).containsExactly(0, 1);
    assertThat(next.items()).extracting(BatchItem::position).containsExactly(2, 3);
  }

  @Test
  void completed_items_come_with_the_first_line_of_their_question_and_others_without() {
    Spool started = kit.started("node-b");
    Batch batch = started.useCases().createBatch().create(questions(OWNER, 3, 3, 2)).batch();
    kit.awaitFinished(batch.id());

    ListItems.Listed listed =
        started
            .useCases()
            .listItems()
            .listWithPreviews(OWNER, batch.id(), Optional.empty(), PageRequest.firstPage());
    GetBatch.Details details =
        started.useCases().getBatch().get(OWNER, batch.id(), PageRequest.firstPage());

    var completed =
        listed.items().items().stream().filter(i -> i.status() == ItemStatus.COMPLETED).toList();
    assertThat(completed).isNotEmpty();
    for (BatchItem item : completed) {
      var question = kit.fakes().items().question(item.questionId().orElseThrow()).orElseThrow();
      assertThat(listed.stemPreviews().get(item.questionId().orElseThrow()))
          .isEqualTo(StemPreview.of(question.question().stem()));
    }
    assertThat(listed.stemPreviews()).hasSize(completed.size());
    assertThat(details.stemPreviews()).isEqualTo(listed.stemPreviews());
    assertThatThrownBy(() ->
            started
                .useCases()
                .listItems()
                .listWithPreviews(STRANGER, batch.id(), Optional.empty(), PageRequest.firstPage()))
        .isInstanceOf(NotBatchOwner.class);
  }

  @Test
  void a_page_limit_out_of_range_is_refused() {
    assertThatThrownBy(() -> PageRequest.first(0)).isInstanceOf(InvalidPageRequest.class);
    assertThatThrownBy(() -> PageRequest.first(201)).isInstanceOf(InvalidPageRequest.class);
  }

  @Test
  void a_question_is_shown_only_to_the_owner_of_its_batch() {
    kit.started("node-a");
    Batch batch = spool.useCases().createBatch().create(questions(OWNER, 2, 2, 2)).batch();
    kit.awaitFinished(batch.id());
    List<BatchItem> items = kit.items(batch.id());
    QuestionId question = items.getFirst().questionId().orElseThrow();

    assertThat(spool.useCases().getQuestion().get(OWNER, question).batchId()).isEqualTo(batch.id());
    assertThatThrownBy(() -> spool.useCases().getQuestion().get(STRANGER, question))
        .isInstanceOf(NotBatchOwner.class);
    assertThatThrownBy(
            () -> spool.useCases().getQuestion().get(OWNER, new QuestionId(UUID.randomUUID())))
        .isInstanceOf(QuestionNotFound.class);
  }
}
