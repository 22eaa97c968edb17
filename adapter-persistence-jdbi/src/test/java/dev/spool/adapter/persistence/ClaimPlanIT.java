package dev.spool.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.application.model.PageRequest;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.ItemStatus;
import dev.spool.domain.batch.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two planner traps of queue tables. Statistics gathered while every row is pending tempt the
 * planner into the primary key; no statistics tempt it into a bitmap scan that reads and sorts
 * every pending row. The claim must use the partial index of pending rows either way, so its cost
 * follows the claim size, not the table size.
 */
class ClaimPlanIT {
  private static PostgresStoreFixture fixture;
  private static Jdbi jdbi;

  @BeforeAll
  static void open() {
    fixture = new PostgresStoreFixture();
    jdbi = Jdbi.create(fixture.database.dataSource());
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  private static void createBatch(int items) {
    createBatch(fixture, items);
  }

  private static void createBatch(PostgresStoreFixture target, int items) {
    TestBatches.running(target.store, new UserId(UUID.randomUUID()), items, 50);
  }

  /** The claim's plan, under the planner settings a claim runs with. */
  private static String plan(Handle h) {
    h.begin();
    try {
      return JdbiTransactions.withOrderedScans(
          h, () -> String.join("\n", claimOf50(h, "EXPLAIN ").mapTo(String.class).list()));
    } finally {
      h.rollback();
    }
  }

  /**
   * The claim of 50 items from the first 64 running batches, up to 50 of each, after {@code prefix}
   * (such as EXPLAIN).
   */
  private static Query claimOf50(Handle h, String prefix) {
    List<UUID> running =
        h.createQuery(
                "SELECT id FROM batch_jobs WHERE status = 'running' ORDER BY created_at LIMIT 64")
            .mapTo(UUID.class)
            .list();
    return JdbiWorkQueue.claim(h.createQuery(prefix + JdbiWorkQueue.CLAIM))
        .bind("ids", SqlArrays.of(UUID.class, running))
        .bind("counts", SqlArrays.of(Integer.class, running.stream().map(id -> 50).toList()))
        .bind("costs", SqlArrays.of(Long.class, running.stream().map(id -> 0L).toList()))
        .bind("max", 50)
        .bind("node", "n")
        .bind("leaseMillis", 30_000L);
  }

  /** Plans as a prepared statement does once PostgreSQL settles on a generic plan. */
  private static String genericPlan(Handle h) {
    h.execute("SET plan_cache_mode = force_generic_plan");
    try {
      return plan(h);
    } finally {
      h.execute("RESET plan_cache_mode");
    }
  }

  /** Rows of {@code batch_items} one claim of 50 reads in the shared fixture (see the overload). */
  private static long claimReads() {
    return claimReads(jdbi);
  }

  /**
   * The median of the rows of {@code batch_items} that a claim of 50 reads, by index or by scan,
   * over 60 claims, each counted by PostgreSQL's statistics within its own transaction and rolled
   * back. A count, not a time: it says whether the claim walks to its rows or reads the table,
   * whatever else the machine does. (The rolled-back claims leave dead row versions, as a working
   * table has; on a freshly analyzed table of 1,000 rows the first few claims read it whole, which
   * costs nothing at that size.)
   */
  private static long claimReads(Jdbi jdbi) {
    long[] reads = new long[60];
    for (int i = 0; i < reads.length; i++) {
      reads[i] = oneClaimReads(jdbi);
    }
    java.util.Arrays.sort(reads);
    return reads[reads.length / 2];
  }

  private static long oneClaimReads(Jdbi jdbi) {
    return jdbi.withHandle(h -> {
      h.begin();
      try {
        long before = itemRowsRead(h);
        JdbiTransactions.withOrderedScans(h, () -> claimOf50(h, "").mapToMap().list());
        return itemRowsRead(h) - before;
      } finally {
        h.rollback();
      }
    });
  }

  private static long itemRowsRead(Handle h) {
    return h.createQuery(
            """
            SELECT coalesce(idx_tup_fetch, 0) + seq_tup_read
            FROM pg_stat_xact_user_tables WHERE relname = 'batch_items'\
            """)
        .mapTo(Long.class)
        .one();
  }

  @Test
  void claims_use_the_partial_index_and_read_the_claim_s_rows_not_the_100k_pending() {
    createBatch(1_000);
    jdbi.useHandle(h -> h.execute("ANALYZE"));
    claimReads(); // a working table's dead row versions, before its plan is taken
    String smallPlan = jdbi.withHandle(ClaimPlanIT::plan);

    fixture.database.truncate();
    createBatch(100_000);
    String noStatistics = jdbi.withHandle(ClaimPlanIT::plan);
    jdbi.useHandle(h -> h.execute("ANALYZE"));
    String allPendingStatistics = jdbi.withHandle(ClaimPlanIT::plan);
    long large = claimReads();

    for (String plan : List.of(smallPlan, noStatistics, allPendingStatistics)) {
      assertUsesTheClaimableIndex(plan);
    }
    // 50 rows through the partial index and the same 50 again by primary key for the update; a plan
    // that read the pending rows would read 100,000 (at 1k a whole-table read costs nothing, and
    // the planner may pick one for the update's join)
    assertThat(large).as("rows a claim of 50 reads at 100k pending").isBetween(50L, 500L);
  }

  /**
   * What a young server meets: a few batches ran and ended, then a big one arrives, and autovacuum
   * has not analyzed the table yet. The indexes, built on the empty table, still say they hold
   * nothing, so the planner expects a handful of pending rows and reads and sorts every one of them
   * (with a spill to disk) on every claim. The throughput benchmark ran into exactly this: 50 ms
   * per claim at 100k items.
   */
  @Test
  void a_first_big_batch_in_a_table_never_analyzed_is_claimed_through_the_partial_index() {
    try (PostgresStoreFixture fresh = new PostgresStoreFixture()) {
      Jdbi db = Jdbi.create(fresh.database.dataSource());
      for (int i = 0; i < 3; i++) {
        createBatch(fresh, 10_000);
        db.useHandle(h -> {
          h.execute("UPDATE batch_items SET status = 'cancelled' WHERE status = 'pending'");
          h.execute("UPDATE batch_jobs SET status = 'cancelled'");
        });
      }
      createBatch(fresh, 100_000);

      String custom = db.withHandle(ClaimPlanIT::plan);
      String generic = db.withHandle(ClaimPlanIT::genericPlan);
      long read = claimReads(db);

      assertUsesTheClaimableIndex(custom);
      assertUsesTheClaimableIndex(generic);
      assertThat(read).as("rows a claim of 50 reads at 100k pending").isBetween(50L, 500L);
    }
  }

  /**
   * The same trap for reads of one batch's items: the progress of every outcome write asks for a
   * batch's latest completions, and an item page may be filtered by status. With statistics from
   * before the batch existed, the planner read the whole batch through a bitmap and sorted it, 6 ms
   * per read at 20,000 items and growing with the batch, inside every write of the dispatcher.
   * Counted as the rows the reads fetch, in one transaction.
   */
  @Test
  void reads_of_a_batch_in_a_table_never_analyzed_fetch_the_rows_they_return_not_the_batch() {
    try (PostgresStoreFixture fresh = new PostgresStoreFixture()) {
      Jdbi db = Jdbi.create(fresh.database.dataSource());
      db.useHandle(h -> {
        h.execute("ALTER TABLE batch_items SET (autovacuum_enabled = false)");
        h.execute("ALTER TABLE questions SET (autovacuum_enabled = false)");
      });
      createBatch(fresh, 20_000);
      db.useHandle(h -> {
        h.execute(
            """
            UPDATE batch_items SET status = 'completed', question_id = gen_random_uuid(),
                completed_at = now() - (20000 - position) * interval '1 millisecond'
            WHERE position < 10000\
            """);
        // each completion's question, written at its completion time, as an outcome write does
        h.execute(
            """
            INSERT INTO questions (id, batch_id, item_id, user_id, course_id, type, difficulty,
                stem, options, correct_option, explanation, scope, provider, model, created_at)
            SELECT i.question_id, i.batch_id, i.id, b.user_id, b.course_id, 'multiple_choice',
                'medium', 'Stem ' || i.position, '[]', 'A', 'Because.', '{}', 'simulator', 'sim',
                i.completed_at
            FROM batch_items i JOIN batch_jobs b ON b.id = i.batch_id
            WHERE i.status = 'completed'\
            """);
      });
      BatchId batch =
          new BatchId(
              db.withHandle(
                  h -> h.createQuery("SELECT id FROM batch_jobs").mapTo(UUID.class).one()));
      JdbiTransactions tx = (JdbiTransactions) fresh.store.transactions();

      List<List<Instant>> recent = new java.util.ArrayList<>();
      long fetchedQuestions =
          TableReads.during(
              tx,
              "questions",
              () -> {
                recent.add(fresh.store.items().recentCompletions(batch, 10));
                recent.add(fresh.store.items().recentCompletions(List.of(batch), 10).get(batch));
              });
      long fetchedItems =
          TableReads.during(
              tx,
              "batch_items",
              () -> {
                var page =
                    fresh
                        .store
                        .items()
                        .list(batch, Optional.of(ItemStatus.COMPLETED), PageRequest.first(200));
                assertThat(page.items()).hasSize(200);
              });

      // the latest completions are the last ten positions completed, newest first
      Instant newest = Instant.now();
      for (List<Instant> latest : recent) {
        assertThat(latest).hasSize(10).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(latest.getFirst()).isBefore(newest);
      }
      assertThat(recent.get(0)).isEqualTo(recent.get(1));
      // 10 completions twice, and a page of 200 (plus one to know there is more); the whole batch
      // or its completed half would be 10,000 or more
      assertThat(fetchedQuestions).isLessThan(100);
      assertThat(fetchedItems).isLessThan(1_000);
    }
  }

  /**
   * Item pages filtered by each status, read as PostgreSQL reads a prepared statement once it
   * settles on a generic plan: each must walk to its rows through an index of its status, not the
   * batch. With the status bound as a parameter, a generic plan could use none of the partial
   * indexes and read every item of the batch (a million, on a batch that big).
   */
  @Test
  void a_page_of_each_status_reads_its_rows_not_the_batch_under_a_generic_plan() {
    try (PostgresStoreFixture fresh = new PostgresStoreFixture()) {
      Jdbi db = Jdbi.create(fresh.database.dataSource());
      createBatch(fresh, 20_000);
      db.useHandle(h -> {
        h.execute(
            "UPDATE batch_items SET status = 'completed', completed_at = now()"
                + " WHERE position BETWEEN 19000 AND 19099");
        h.execute(
            "UPDATE batch_items SET status = 'failed' WHERE position BETWEEN 19100 AND 19149");
        h.execute(
            "UPDATE batch_items SET status = 'cancelled', completed_at = now()"
                + " WHERE position BETWEEN 19150 AND 19199");
        h.execute(
            "UPDATE batch_items SET status = 'in_progress', lease_owner = 'n',"
                + " lease_token = gen_random_uuid(), lease_expires_at = now() + interval '1 hour'"
                + " WHERE position BETWEEN 19200 AND 19219");
        h.execute("ANALYZE batch_items");
      });
      BatchId batch =
          new BatchId(
              db.withHandle(
                  h -> h.createQuery("SELECT id FROM batch_jobs").mapTo(UUID.class).one()));
      JdbiTransactions tx = (JdbiTransactions) fresh.store.transactions();

      for (ItemStatus status : ItemStatus.values()) {
        long fetched =
            TableReads.during(
                tx,
                "batch_items",
                () -> {
                  tx.withHandle(h -> h.execute("SET LOCAL plan_cache_mode = force_generic_plan"));
                  var page =
                      fresh.store.items().list(batch, Optional.of(status), PageRequest.first(50));
                  assertThat(page.items()).isNotEmpty().allMatch(i -> i.status() == status);
                });

        assertThat(fetched).as("rows a page of %s items reads", status).isLessThan(500);
      }
    }
  }

  /**
   * Every node's housekeeping asks each second which cancelled batches still have pending items:
   * thousands of cancelled batches whose work is done must cost it nothing.
   */
  @Test
  void the_housekeeping_look_for_cancelled_batches_reads_only_those_with_work_left() {
    try (PostgresStoreFixture fresh = new PostgresStoreFixture()) {
      Jdbi db = Jdbi.create(fresh.database.dataSource());
      createBatch(fresh, 10);
      db.useHandle(h -> {
        h.execute(
            """
            INSERT INTO batch_jobs
            SELECT (jsonb_populate_record(NULL::batch_jobs, to_jsonb(b)
                || jsonb_build_object('id', gen_random_uuid(), 'idempotency_key', NULL))).*
            FROM batch_jobs b, generate_series(1, 3000)\
            """);
        h.execute("UPDATE batch_jobs SET status = 'cancelled', cancelled_items = total_items");
        h.execute(
            "UPDATE batch_jobs SET cancelled_items = 0"
                + " WHERE id = (SELECT id FROM batch_jobs ORDER BY id LIMIT 1)");
        h.execute("ANALYZE batch_jobs");
      });
      JdbiTransactions tx = (JdbiTransactions) fresh.store.transactions();

      long read =
          TableReads.during(
              tx,
              "batch_jobs",
              () -> assertThat(fresh.store.items().cancelledWithPendingItems(8)).hasSize(1));

      assertThat(read).as("batch_jobs rows read among 3,001 cancelled batches").isLessThan(10);
    }
  }

  private static void assertUsesTheClaimableIndex(String plan) {
    // picking goes through the pending-only index; the primary key serves only the update of the
    // picked rows by id
    assertThat(plan)
        .contains("Index Scan using idx_batch_items_claimable on batch_items")
        .doesNotContain("Seq Scan on batch_items")
        .doesNotContain("Bitmap Heap Scan on batch_items")
        .doesNotContainPattern("batch_items_pkey on batch_items i\s");
  }
}
