package dev.spool.adapter.persistence;

import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.config.ItemSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Inserts a batch's items in chunks, each one statement over arrays, so 10,000 items cost a handful
 * of round trips instead of 10,000.
 *
 * <p>Each distinct spec is written to JSON once per batch: the items of a generation batch share a
 * handful of specs, and writing one per item was most of a creation's Java, compiled by the JIT
 * while the batch's first items ran.
 */
final class ItemInserter {
  private static final int CHUNK = 5_000;
  private static final String INSERT =
      """
      INSERT INTO batch_items (id, batch_id, position, spec, status, created_at, updated_at)
      SELECT t.id, :batch, t.position, CAST(t.spec AS json), 'pending', :at, :at
      FROM unnest(:ids, :positions, :specs) AS t(id, position, spec)\
      """;

  void insert(Handle handle, List<BatchItem> items) {
    Json.Texts texts = new Json.Texts();
    Map<ItemSpec, String> specs = new HashMap<>();
    for (int from = 0; from < items.size(); from += CHUNK) {
      List<BatchItem> chunk = items.subList(from, Math.min(items.size(), from + CHUNK));
      handle
          .createUpdate(INSERT)
          .bind("batch", chunk.getFirst().batchId().value())
          .bind("at", Rows.timestamp(chunk.getFirst().updatedAt()))
          .bind("ids", SqlArrays.of(UUID.class, chunk.stream().map(i -> i.id().value()).toList()))
          .bind(
              "positions",
              SqlArrays.of(Integer.class, chunk.stream().map(BatchItem::position).toList()))
          .bind(
              "specs",
              SqlArrays.of(
                  String.class,
                  chunk.stream()
                      .map(i -> specs.computeIfAbsent(i.spec(), s -> ConfigCodec.write(texts, s)))
                      .toList()))
          .execute();
    }
  }
}
