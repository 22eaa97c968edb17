package dev.spool.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Array parameters carry every value as it is, nulls included, in their own SQL type. */
class SqlArraysIT {
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
  void text_that_an_array_literal_would_have_to_escape_arrives_unchanged() {
    List<String> values =
        Arrays.asList(
            "plain",
            "",
            null,
            "NULL",
            "a \"quoted\" word, a comma",
            "back\\slash and {braces}",
            "line\nbreak\ttab",
            "ünïcödé – 問題");

    assertThat(roundTrip(String.class, values)).containsExactlyElementsOf(values);
  }

  @Test
  void uuids_arrive_unchanged_and_typed() {
    List<UUID> values = Arrays.asList(UUID.randomUUID(), null, UUID.randomUUID());

    assertThat(roundTrip(UUID.class, values)).containsExactlyElementsOf(values);
  }

  @Test
  void an_element_class_without_an_array_type_is_refused() {
    assertThatThrownBy(() -> SqlArrays.of(Float.class, List.of(1.0f)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Float");
  }

  @Test
  void doubles_arrive_unchanged_as_float8() {
    List<Double> values = Arrays.asList(0.0, 1.5, null, 1e15 + 0.25, -3.75);

    assertThat(roundTrip(Double.class, values)).containsExactlyElementsOf(values);
  }

  @Test
  void numbers_keep_their_type_and_their_nulls() {
    List<Long> longs = Arrays.asList(Long.MIN_VALUE, 0L, null, Long.MAX_VALUE);
    List<Integer> ints = Arrays.asList(Integer.MIN_VALUE, null, 7);

    String types =
        jdbi.withHandle(h ->
            h.createQuery("SELECT pg_typeof(:longs)::text || ' ' || pg_typeof(:ints)::text")
                .bind("longs", SqlArrays.of(Long.class, longs))
                .bind("ints", SqlArrays.of(Integer.class, ints))
                .mapTo(String.class)
                .one());

    assertThat(types).isEqualTo("bigint[] integer[]");
    assertThat(roundTrip(Long.class, longs)).containsExactlyElementsOf(longs);
    assertThat(roundTrip(Integer.class, ints)).containsExactlyElementsOf(ints);
  }

  /** {@code values} bound as one array parameter and read back element by element, in order. */
  private static <T> List<T> roundTrip(Class<T> type, List<T> values) {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT v FROM unnest(:values) WITH ORDINALITY AS t(v, n) ORDER BY n")
            .bind("values", SqlArrays.of(type, values))
            .mapTo(type)
            .list());
  }
}
