package dev.spool.bootstrap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** What the suites check in the questions table, straight from the database. */
final class QuestionRows {
  private QuestionRows() {}

  /** One question row for each of the batch's {@code items} items: none missing, none twice. */
  static void assertOnePerItem(Connection db, UUID batch, int items) throws SQLException {
    try (PreparedStatement q =
        db.prepareStatement(
            "SELECT count(*), count(DISTINCT item_id) FROM questions WHERE batch_id = ?")) {
      q.setObject(1, batch);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).as("question rows").isEqualTo(items);
        assertThat(rs.getInt(2)).as("items with a question").isEqualTo(items);
      }
    }
  }
}
