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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * B6: a 100,000-item batch. How long creating it takes; the heap after creating it and while it
 * runs; and the time of a status read and of item-page reads at 1k, 10k and 100k items, which
 * should not grow with N.
 */
final class Scale {
  private static final int ROUNDS = 25;

  private Scale() {}

  static Map<String, Object> run(PostgresStore store) throws InterruptedException {
    Map<String, Object> figures = new LinkedHashMap<>();
    var instant = new SimulatedQuestionGenerator(SimulatorSettings.instant(6));
    try (Spool spool =
        LibraryBench.spool(store, instant, RateLimiter.unlimited())
            .dispatcher(DispatcherSettings.defaults("bench-b6"))
            .build()) {
      long heapBefore = Stats.heapAfterGcMiB();
      for (int n : new int[] {1_000, 10_000, 100_000}) {
        long start = System.nanoTime();
        Batch batch = LibraryBench.create(spool, "B6-" + n, LibraryBench.draft(n, 20));
        long created = System.nanoTime() - start;
        String key = "B6." + (n / 1000) + "k";
        if (n == 100_000) {
          figures.put("B6.create_100k_ms", Math.round(created / 1e6));
          figures.put("B6.heap_before_mib", heapBefore);
          figures.put("B6.heap_after_create_mib", Stats.heapAfterGcMiB());
        }
        reads(spool, batch, key, figures);
        if (n < 100_000) {
          spool.useCases().cancelBatch().cancel(LibraryBench.FACULTY, batch.id());
        } else {
          figures.put("B6.heap_running_peak_mib", running(spool, store, batch, figures));
        }
      }
    }
    return figures;
  }

  private static void reads(Spool spool, Batch batch, String key, Map<String, Object> figures) {
    figures.put(
        key + ".status_read_ms",
        Stats.medianMillis(
            ROUNDS,
            () ->
                spool
                    .useCases()
                    .getBatch()
                    .get(
                        LibraryBench.FACULTY,
                        batch.id(),
                        PageRequest.first(PageRequest.DEFAULT_LIMIT))));
    figures.put(
        key + ".item_page_ms",
        Stats.medianMillis(
            ROUNDS,
            () -> pending(spool, batch, pending(spool, batch, Optional.empty()).nextCursor())));
  }

  /** A page of the batch's pending items, as many as a page may hold. */
  private static Page<BatchItem> pending(Spool spool, Batch batch, Optional<String> cursor) {
    return spool
        .useCases()
        .listItems()
        .list(
            LibraryBench.FACULTY,
            batch.id(),
            Optional.of(ItemStatus.PENDING),
            new PageRequest(PageRequest.MAX_LIMIT, cursor));
  }

  /**
   * Runs the big batch for ten seconds, sampling the heap in use (garbage included) and once after
   * a collection, then cancels it.
   */
  private static long running(
      Spool spool, PostgresStore store, Batch batch, Map<String, Object> figures)
      throws InterruptedException {
    spool.start();
    long peak = 0;
    long start = System.nanoTime();
    boolean collected = false;
    while (System.nanoTime() - start < 10_000_000_000L) {
      peak = Math.max(peak, Stats.heapUsedMiB());
      if (!collected && System.nanoTime() - start > 5_000_000_000L) {
        figures.put("B6.heap_running_after_gc_mib", Stats.heapAfterGcMiB());
        collected = true;
      }
      Thread.sleep(100);
    }
    spool.useCases().cancelBatch().cancel(LibraryBench.FACULTY, batch.id());
    LibraryBench.awaitFinished(store, batch.id());
    return peak;
  }
}
