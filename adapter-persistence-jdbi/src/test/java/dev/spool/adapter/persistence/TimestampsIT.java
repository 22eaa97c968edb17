package dev.spool.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Microseconds sent as int8 arrive in PostgreSQL as the very timestamps they count. */
class TimestampsIT {
  private static TestDatabase database;
  private static Jdbi jdbi;

  @BeforeAll
  static void open() {
    database = TestDatabase.create();
    jdbi = Jdbi.create(database.dataSource()).installPlugin(new PostgresPlugin());
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Test
  void microseconds_become_the_same_timestamps_that_their_iso_text_would() {
    SplittableRandom random = new SplittableRandom(7);
    List<Instant> instants =
        new ArrayList<>(
            List.of(
                Instant.EPOCH,
                Instant.parse("1969-07-20T20:17:40.000001Z"),
                Instant.parse("2026-11-25T06:09:03.123456Z"),
                Instant.parse("2254-12-31T23:59:59.999999Z")));
    for (int i = 0; i < 2_000; i++) {
      instants.add(
          Instant.ofEpochSecond(
              random.nextLong(-1_000_000_000L, 8_000_000_000L), random.nextInt(1_000_000) * 1000));
    }
    List<Long> micros = instants.stream().map(Timestamps::micros).toList();
    List<String> texts = instants.stream().map(Instant::toString).toList();

    List<Instant[]> rows =
        jdbi.withHandle(h ->
            h.createQuery(
                    "SELECT %s AS from_micros, CAST(t.text AS timestamptz) AS from_text"
                            .formatted(Timestamps.FROM_MICROS.formatted("t.us"))
                        + " FROM unnest(:micros, :texts) WITH ORDINALITY AS t(us, text, n)"
                        + " ORDER BY t.n")
                .bind("micros", SqlArrays.of(Long.class, micros))
                .bind("texts", SqlArrays.of(String.class, texts))
                .map((rs, ctx) ->
                    new Instant[] {
                      rs.getTimestamp("from_micros").toInstant(),
                      rs.getTimestamp("from_text").toInstant()
                    })
                .list());

    assertThat(rows).hasSize(instants.size());
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i)[0]).as("%s", instants.get(i)).isEqualTo(instants.get(i));
      assertThat(rows.get(i)[0]).isEqualTo(rows.get(i)[1]);
    }
  }

  @Test
  void a_null_microsecond_count_is_a_null_timestamp() {
    Timestamp value =
        jdbi.withHandle(h ->
            h.createQuery(
                    "SELECT %s FROM unnest(:micros) AS t(us)"
                        .formatted(Timestamps.FROM_MICROS.formatted("t.us")))
                .bind("micros", SqlArrays.of(Long.class, java.util.Arrays.asList((Long) null)))
                .mapTo(Timestamp.class)
                .one());

    assertThat(value).isNull();
  }
}
