package dev.spool.bootstrap.http;

import static dev.spool.bootstrap.http.TestServer.faculty;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.adapter.llm.SimulatorSettings;
import dev.spool.bootstrap.http.ApiClient.Reply;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A batch's results over HTTP, read back by real parsers: Jackson for each JSON Lines line, and
 * Commons CSV's RFC 4180 parser for the CSV, whose stems and explanations hold commas, quotes and
 * line breaks.
 */
class ResultsExportIT {
  private static final String BATCHES = "/api/v1/generation/batch";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestServer server;
  private static ApiClient api;
  private static String owner;
  private static String batch;
  private static JsonNode finished;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(SimulatorSettings.instant(7).withRates(0.3, 0, 0, 0));
    api = server.api();
    owner = faculty(UUID.randomUUID());
    batch = api.post(BATCHES, owner, Bodies.generation(60, 10, 0)).data().get("batchId").asText();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    do {
      finished = api.get(BATCHES + "/" + batch + "?limit=1", owner).data();
      Thread.sleep(50);
    } while (!finished.get("status").asText().startsWith("completed")
        && System.nanoTime() < deadline);
    assertThat(finished.get("failedItems").asInt()).as("a 30 %% failure rate").isPositive();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Reply results(String query, Map<String, String> headers) {
    return api.send("GET", BATCHES + "/" + batch + "/results" + query, owner, null, headers);
  }

  @Test
  void json_lines_hold_every_completed_item_once_with_its_question() throws Exception {
    Reply reply = results("", Map.of());

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/jsonl"));
    assertThat(reply.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(d -> assertThat(d).contains("attachment").contains(".jsonl"));
    List<JsonNode> lines = new ArrayList<>();
    for (String line : reply.body().split("\n")) {
      lines.add(JSON.readTree(line));
    }
    assertThat(lines).hasSize(finished.get("completedItems").asInt());
    Set<String> ids = new HashSet<>();
    for (JsonNode line : lines) {
      assertThat(ids.add(line.get("itemId").asText())).as("each item once").isTrue();
      assertThat(line.get("status").asText()).isEqualTo("completed");
      JsonNode question = line.get("question");
      assertThat(question.get("stem").asText()).isNotBlank();
      assertThat(question.get("options").size()).isGreaterThanOrEqualTo(2);
      assertThat(question.get("correct").asText()).isNotBlank();
      assertThat(line.get("tokens").get("total").asLong()).isPositive();
      assertThat(line.get("costUsd").decimalValue()).isPositive();
      assertThat(line.get("completedAt").asText()).isNotBlank();
    }
    List<Integer> indexes = lines.stream().map(l -> l.get("index").asInt()).toList();
    assertThat(indexes).isSorted();
  }

  @Test
  void failed_items_come_with_their_errors_on_request() throws Exception {
    Reply reply = results("?include=failed", Map.of("Accept", "application/x-ndjson"));

    List<JsonNode> failed = new ArrayList<>();
    int total = 0;
    for (String line : reply.body().split("\n")) {
      JsonNode node = JSON.readTree(line);
      total++;
      if (node.get("status").asText().equals("failed")) {
        failed.add(node);
      }
    }
    assertThat(total).isEqualTo(60);
    assertThat(failed).hasSize(finished.get("failedItems").asInt());
    assertThat(failed)
        .allSatisfy(f -> {
          assertThat(f.get("question").isNull()).isTrue();
          assertThat(f.get("error").get("code").asText()).isNotBlank();
        });
  }

  @Test
  void csv_is_one_rfc_4180_row_per_item_with_the_options_in_columns() throws Exception {
    for (Reply reply :
        List.of(results("?format=csv", Map.of()), results("", Map.of("Accept", "text/csv")))) {
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
      try (CSVParser parser =
          CSVFormat.RFC4180
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .get()
              .parse(new StringReader(reply.body()))) {
        List<CSVRecord> rows = parser.getRecords();
        assertThat(parser.getHeaderNames())
            .contains("item_id", "stem", "option_a", "option_e", "correct", "cost_usd");
        assertThat(rows).hasSize(finished.get("completedItems").asInt());
        assertThat(rows.stream().map(r -> r.get("item_id")).distinct().count())
            .isEqualTo(rows.size());
        assertThat(rows)
            .allSatisfy(r -> {
              assertThat(r.get("status")).isEqualTo("completed");
              assertThat(r.get("stem")).isNotBlank();
              assertThat(r.get("option_a")).isNotBlank();
            });
      }
    }
  }

  @Test
  void other_formats_get_406_naming_the_formats_and_other_owners_get_403() {
    Reply unknown = results("?format=xml", Map.of());
    assertThat(unknown.status()).isEqualTo(406);
    assertThat(unknown.errorCode()).isEqualTo("NOT_ACCEPTABLE");
    assertThat(unknown.json().get("error").get("message").asText())
        .contains("jsonl")
        .contains("csv");
    assertThat(results("", Map.of("Accept", "application/pdf")).status()).isEqualTo(406);
    assertThat(results("?include=everything", Map.of()).status()).isEqualTo(400);

    Reply stranger =
        api.send(
            "GET", BATCHES + "/" + batch + "/results", faculty(UUID.randomUUID()), null, Map.of());
    assertThat(stranger.status()).isEqualTo(403);
    assertThat(api.send("GET", BATCHES + "/" + batch + "/results", null, null, Map.of()).status())
        .isEqualTo(401);
  }
}
