package dev.spool.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.application.catalogue.CatalogueRow;
import org.junit.jupiter.api.Test;

class CatalogueCsvTest {

  @Test
  void each_row_knows_the_line_it_starts_on_across_crlf_blank_lines_and_quoted_line_breaks() {
    String csv =
        "\uFEFFkind,id,code,title,course_id\r\n"
            + "course,c1,A,\"Two\r\nlines\",\r\n"
            + "\r\n"
            + "   \n"
            + "slo,s1,S,T,c1\n";

    var rows = CatalogueRoutes.rows(csv);

    assertThat(rows).extracting(CatalogueRow::line).containsExactly(2, 6);
  }

  @Test
  void lines_of_only_spaces_or_empty_cells_are_skipped_and_a_short_row_is_reported_by_line() {
    assertThat(CatalogueRoutes.rows("kind,id,code,title,course_id\n  \n,,,,\n")).isEmpty();
    assertThatThrownBy(() -> CatalogueRoutes.rows("kind,id,code,title,course_id\n\ncourse,x\n"))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).isEqualTo("line 3 has 2 cells; the header names 5");
            });
  }

  @Test
  void a_header_naming_a_column_twice_or_an_open_quote_is_a_400_not_a_crash() {
    assertThatThrownBy(() -> CatalogueRoutes.rows("kind,kind,id,code,title,course_id\n"))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(
            () -> CatalogueRoutes.rows("kind,id,code,title,course_id\ncourse,\"x,y,z,\n"))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
  }
}
