package dev.spool.adapter.persistence;

/**
 * Rows of one table read by index or by scan while some work ran, from the statistics of the
 * transaction it ran in: how plan tests tell a read that walks to its rows from one that reads the
 * table.
 */
final class TableReads {
  private TableReads() {}

  /** Runs {@code work} in a transaction and returns the rows of {@code table} it read. */
  static long during(JdbiTransactions tx, String table, Runnable work) {
    return tx.inTransaction(() -> {
      long before = read(tx, table);
      work.run();
      return read(tx, table) - before;
    });
  }

  /**
   * Rows of {@code table} this connection has read and not yet reported to the statistics
   * collector: the current transaction's, plus any left from the connection's earlier ones, so only
   * a difference of two readings says what lay between them.
   */
  private static long read(JdbiTransactions tx, String table) {
    return tx.withHandle(h ->
        h.createQuery(
                """
                SELECT coalesce(idx_tup_fetch, 0) + seq_tup_read
                FROM pg_stat_xact_user_tables WHERE relname = :table\
                """)
            .bind("table", table)
            .mapTo(Long.class)
            .one());
  }
}
