package dev.spool.bench;

import dev.spool.adapter.llm.SimulatedQuestionGenerator;
import dev.spool.adapter.llm.SimulatorSettings;
import dev.spool.adapter.persistence.PostgresStore;
import dev.spool.application.Spool;
import dev.spool.application.dispatch.DispatcherSettings;
import dev.spool.application.model.Page;
import dev.spool.application.model.PageRequest;
import dev.spool.application.port.out.RateLimiter;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.ItemStatus;
import dev.spool.domain.config.ConfigLimits;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * B6 at a million items, for the hardening targets: creating the batch stays linear (within 10× of
 * B6's 100k figure); a page of items filtered by each status reads in under 20 ms at p99 (with
 * items of every status at the batch's far end, under PostgreSQL's generic plans, as a prepared
 * statement settles on after five runs); and cancel and delete answer within a second, their
 * per-item work going on in chunks afterwards (how long that takes is reported too).
 */
final class ScaleMillion {
  private static final int ITEMS = Integer.getInteger("spool.b6m.items", 1_000_000);
  private static final int ROUNDS = 60;

  private ScaleMillion() {}

  static Map<String, Object> run(PostgresStore store, DataSource database) throws Exception {
    Map<String, Object> figures = new LinkedHashMap<>();
    var instant = new SimulatedQuestionGenerator(SimulatorSettings.instant(7));
    try (Spool spool =
        LibraryBench.spool(store, instant, RateLimiter.unlimited())
            .limits(new ConfigLimits(ITEMS, 10_000))
            .dispatcher(DispatcherSettings.defaults("bench-b6m"))
            .build()) {
      long start = System.nanoTime();
      Batch batch = LibraryBench.create(spool, "B6M", LibraryBench.draft(ITEMS, 20));
      figures.put("B6M.items", ITEMS);
      figures.put("B6M.create_ms", Math.round((System.nanoTime() - start) / 1e6));

      spreadStatuses(database, batch);
      for (ItemStatus status : ItemStatus.values()) {
        for (int i = 0; i < 10; i++) {
          page(spool, batch, status); // warm: the JIT, and PostgreSQL's plan for the statement
        }
        long[] nanos = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
          long t = System.nanoTime();
          Page<BatchItem> page = page(spool, batch, status);
          nanos[i] = System.nanoTime() - t;
          if (page.items().isEmpty()) {
            throw new IllegalStateException("no " + status + " items to page through");
          }
        }
        String key = "B6M.page_" + status.wireName();
        figures.put(key + "_p50_ms", Stats.millis(Stats.percentile(nanos, 50)));
        figures.put(key + "_p99_ms", Stats.millis(Stats.percentile(nanos, 99)));
      }

      restorePending(database, batch);
      spool.start(); // the housekeeping that finishes a cancel and a delete runs with it
      long cancelAt = System.nanoTime();
      spool.useCases().cancelBatch().cancel(LibraryBench.FACULTY, batch.id());
      figures.put("B6M.cancel_call_ms", Math.round((System.nanoTime() - cancelAt) / 1e6));
      while (store.batches().find(batch.id()).orElseThrow().counts().pending() > 0) {
        Thread.sleep(50);
      }
      figures.put("B6M.cancel_done_s", Math.round((System.nanoTime() - cancelAt) / 1e8) / 10.0);
      while (store.batches().find(batch.id()).orElseThrow().counts().inFlight() > 0) {
        Thread.sleep(20);
      }

      long deleteAt = System.nanoTime();
      spool.useCases().deleteBatch().delete(LibraryBench.FACULTY, batch.id());
      figures.put("B6M.delete_call_ms", Math.round((System.nanoTime() - deleteAt) / 1e6));
      while (rows(database, "SELECT count(*) FROM batch_jobs WHERE deleted_at IS NOT NULL") > 0) {
        Thread.sleep(100);
      }
      figures.put("B6M.purge_done_s", Math.round((System.nanoTime() - deleteAt) / 1e8) / 10.0);
    }
    return figures;
  }

  /** Items of every status at the batch's far end, where a page must walk to find them. */
  private static void spreadStatuses(DataSource database, Batch batch) throws SQLException {
    int end = ITEMS - 1_000;
    try (Connection c = database.getConnection();
        Statement s = c.createStatement()) {
      String id = "'" + batch.id().value() + "'";
      s.execute(
          "UPDATE batch_items SET status = 'completed', completed_at = now() WHERE batch_id = "
              + id
              + " AND position BETWEEN "
              + end
              + " AND "
              + (end + 299));
      s.execute(
          "UPDATE batch_items SET status = 'failed' WHERE batch_id = "
              + id
              + " AND position BETWEEN "
              + (end + 300)
              + " AND "
              + (end + 499));
      s.execute(
          "UPDATE batch_items SET status = 'cancelled', completed_at = now() WHERE batch_id = "
              + id
              + " AND position BETWEEN "
              + (end + 500)
              + " AND "
              + (end + 699));
      s.execute(
          "UPDATE batch_items SET status = 'in_progress', lease_owner = 'b6m',"
              + " lease_token = gen_random_uuid(), lease_expires_at = now() + interval '1 minute'"
              + " WHERE batch_id = "
              + id
              + " AND position BETWEEN "
              + (end + 700)
              + " AND "
              + (end + 749));
      s.execute("ANALYZE batch_items");
    }
  }

  /** Puts the items {@link #spreadStatuses} changed back, so the batch's counts hold again. */
  private static void restorePending(DataSource database, Batch batch) throws SQLException {
    try (Connection c = database.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "UPDATE batch_items SET status = 'pending', completed_at = NULL, lease_owner = NULL,"
              + " lease_token = NULL, lease_expires_at = NULL WHERE batch_id = '"
              + batch.id().value()
              + "' AND status <> 'pending'");
    }
  }

  private static Page<BatchItem> page(Spool spool, Batch batch, ItemStatus status) {
    return spool
        .useCases()
        .listItems()
        .list(
            LibraryBench.FACULTY,
            batch.id(),
            Optional.of(status),
            new PageRequest(PageRequest.DEFAULT_LIMIT, Optional.empty()));
  }

  private static long rows(DataSource database, String sql) throws SQLException {
    try (Connection c = database.getConnection();
        Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
