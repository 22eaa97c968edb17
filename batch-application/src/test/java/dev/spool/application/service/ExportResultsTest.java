package dev.spool.application.service;

import static dev.spool.application.fake.SpoolTestKit.OWNER;
import static dev.spool.application.fake.SpoolTestKit.STRANGER;
import static dev.spool.application.fake.SpoolTestKit.itemList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.application.Spool;
import dev.spool.application.fake.SpoolTestKit;
import dev.spool.application.model.ResultRow;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.ItemStatus;
import dev.spool.domain.batch.NotBatchOwner;
import dev.spool.domain.config.ItemSpec;
import dev.spool.domain.dispatch.BatchItemError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExportResultsTest {
  private final SpoolTestKit kit = new SpoolTestKit();

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void every_completed_item_is_read_once_in_order_across_pages_and_failed_ones_only_on_request() {
    kit.generator()
        .failWith(r ->
            r.spec() instanceof ItemSpec.Prompt p && p.name().equals("item 7")
                ? BatchItemError.permanent("NO", "no")
                : null);
    Spool node = kit.started("n1");
    int count = ExportResultsService.PAGE * 2 + 37;
    Batch batch = node.useCases().createBatch().create(itemList(OWNER, count, 50)).batch();
    assertThat(kit.awaitFinished(batch.id()).status()).isEqualTo(BatchStatus.COMPLETED_WITH_ERRORS);

    List<ResultRow> completed = new ArrayList<>();
    node.useCases().exportResults().open(OWNER, batch.id(), false).forEach(completed::add);
    List<ResultRow> all = new ArrayList<>();
    node.useCases().exportResults().open(OWNER, batch.id(), true).forEach(all::add);

    assertThat(completed).hasSize(count - 1);
    assertThat(completed).allSatisfy(r -> assertThat(r.question()).isPresent());
    assertThat(completed).extracting(r -> r.item().position()).isSorted().doesNotHaveDuplicates();
    assertThat(all).hasSize(count);
    assertThat(all)
        .filteredOn(r -> r.item().status() == ItemStatus.FAILED)
        .singleElement()
        .satisfies(r -> assertThat(r.item().lastError()).isPresent());
  }

  @Test
  void another_owners_batch_cannot_be_exported() {
    Spool node = kit.started("n1");
    Batch batch = node.useCases().createBatch().create(itemList(OWNER, 3, 3)).batch();
    assertThatThrownBy(() -> node.useCases().exportResults().open(STRANGER, batch.id(), false))
        .isInstanceOf(NotBatchOwner.class);
  }
}
