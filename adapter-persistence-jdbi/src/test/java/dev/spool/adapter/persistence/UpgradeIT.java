package dev.spool.adapter.persistence;

import static dev.spool.application.contract.StoreFixtures.now;
import static dev.spool.application.contract.StoreFixtures.question;
import static dev.spool.application.contract.StoreFixtures.questionId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.contract.StoreFixtures;
import dev.spool.application.model.PageRequest;
import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.ItemOutcome;
import dev.spool.application.port.out.RecordResult;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.question.QuestionId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * A database written before migrations V15 (no foreign keys on items, completions read from the
 * questions' index) and V16 (specs, options and scopes kept as json) reads the same after them, and
 * its work goes on: the rows a store wrote at the latest schema are copied into a database migrated
 * only to V14, column by column as PostgreSQL converts them, then that database is opened (and so
 * migrated) and read.
 */
class UpgradeIT {
  private static final String[] TABLES = {
    "owner_shares", "batch_jobs", "questions", "batch_items", "batch_events"
  };

  @Test
  void a_database_from_before_v15_reads_the_same_and_dispatches_on_after_the_upgrade() {
    TestDatabase written = TestDatabase.create();
    TestDatabase older = TestDatabase.create();
    try {
      Batch batch;
      QuestionId completed = questionId();
      List<BatchItem> itemsBefore;
      List<java.time.Instant> completionsBefore;
      try (PostgresStore store = PostgresStore.open(written.dataSource(), settings())) {
        var planned = StoreFixtures.running(StoreFixtures.user(), 4, 4, 2);
        store.batches().create(planned.batch(), planned.items());
        batch = planned.batch();
        List<ClaimedItem> claimed = claim(store, 2);
        assertThat(
                record(
                    store,
                    ItemOutcome.completed(claimed.getFirst().item(), completed, question(), now())))
            .isEqualTo(RecordResult.APPLIED);
        itemsBefore =
            store.items().list(batch.id(), Optional.empty(), PageRequest.first(10)).items();
        completionsBefore = store.items().recentCompletions(batch.id(), 10);
      }

      Flyway.configure()
          .dataSource(older.dataSource())
          .locations("classpath:db/spool")
          .target("14")
          .load()
          .migrate();
      copy(written, older);

      try (PostgresStore upgraded = PostgresStore.open(older.dataSource(), settings())) {
        assertThat(
                upgraded.items().list(batch.id(), Optional.empty(), PageRequest.first(10)).items())
            .isEqualTo(itemsBefore);
        assertThat(upgraded.items().recentCompletions(batch.id(), 10))
            .hasSize(1)
            .isEqualTo(completionsBefore);
        assertThat(upgraded.items().question(completed))
            .get()
            .satisfies(q -> assertThat(q.question()).isEqualTo(question()));

        // the items left are claimed with their specs decoded, and complete
        List<ClaimedItem> rest = claim(upgraded, 4);
        assertThat(rest).hasSize(2);
        for (ClaimedItem c : rest) {
          assertThat(c.item().spec())
              .isEqualTo(
                  itemsBefore.stream()
                      .filter(b -> b.id().equals(c.item().id()))
                      .findFirst()
                      .orElseThrow()
                      .spec());
        }
        QuestionId next = questionId();
        assertThat(
                record(
                    upgraded,
                    ItemOutcome.completed(rest.getFirst().item(), next, question(), now())))
            .isEqualTo(RecordResult.APPLIED);
        assertThat(upgraded.items().question(next)).isPresent();
        assertThat(upgraded.batches().find(batch.id()).orElseThrow().counts().completed())
            .isEqualTo(2);
      }
    } finally {
      written.close();
      older.close();
    }
  }

  private static PostgresSettings settings() {
    return new PostgresSettings(
        Duration.ofDays(1),
        Optional.empty(),
        Duration.ofHours(1),
        Duration.ofHours(1),
        PostgresSettings.DEFAULT_FANOUT_INTERVAL);
  }

  private static List<ClaimedItem> claim(PostgresStore store, int max) {
    return store
        .transactions()
        .inTransaction(() -> store.queue().claim("node-a", max, Duration.ofMinutes(5)));
  }

  private static RecordResult record(PostgresStore store, ItemOutcome outcome) {
    return store
        .transactions()
        .inTransaction(() -> store.queue().record(List.of(outcome)))
        .getFirst();
  }

  /** Every row of the tables, as JSON, into the same tables of the older schema. */
  private static void copy(TestDatabase from, TestDatabase to) {
    Jdbi source = Jdbi.create(from.dataSource());
    Jdbi target = Jdbi.create(to.dataSource());
    for (String table : TABLES) {
      List<String> rows =
          source.withHandle(h ->
              h.createQuery("SELECT row_to_json(t)::text FROM " + table + " t")
                  .mapTo(String.class)
                  .list());
      target.useHandle(h -> {
        for (String row : rows) {
          h.createUpdate(
                  "INSERT INTO "
                      + table
                      + " SELECT * FROM json_populate_record(NULL::"
                      + table
                      + ", CAST(:row AS json))")
              .bind("row", row)
              .execute();
        }
      });
      long copied =
          target.withHandle(
              h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
      assertThat(copied).as("rows of %s copied", table).isEqualTo(rows.size());
    }
  }
}
