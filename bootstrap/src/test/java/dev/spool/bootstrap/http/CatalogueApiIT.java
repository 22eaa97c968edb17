package dev.spool.bootstrap.http;

import static dev.spool.bootstrap.http.TestServer.faculty;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.adapter.llm.SimulatorSettings;
import dev.spool.bootstrap.http.ApiClient.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The course catalogue through the server: an administrator imports a CSV file and puts courses,
 * faculty search them and create batches by their ids, and batches show the course's title.
 */
class CatalogueApiIT {
  private static final String COURSES = "/api/v1/catalogue/courses";
  private static final String IMPORT = "/api/v1/catalogue/import";
  private static TestServer server;
  private static ApiClient api;
  private static final String ADMIN = TestServer.token(UUID.randomUUID(), "catalogue-admin");

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            SimulatorSettings.defaults().withLatency(Duration.ofMillis(5), Duration.ZERO));
    api = server.api();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Reply importCsv(String token, String csv) {
    return api.send("POST", IMPORT, token, csv, Map.of("Content-Type", "text/csv"));
  }

  private static List<String> fields(Reply reply) {
    List<String> fields = new ArrayList<>();
    reply.json().path("error").path("details").forEach(d -> fields.add(d.path("field").asText()));
    return fields;
  }

  @Test
  void anImportedCourseIsFoundByNameAndNamesTheBatchesCreatedForIt() {
    UUID course = UUID.randomUUID();
    UUID slo = UUID.randomUUID();
    UUID concept = UUID.randomUUID();
    String csv =
        "\uFEFFid,kind,code,title,course_id\r\n"
            + course
            + ",course,NURS-210,\"Cardiology, advanced\",\r\n"
            + "\r\n"
            + slo
            + ",slo,SLO-1,\"Read an ECG\nstrip\","
            + course
            + "\r\n"
            + concept
            + ",concept,C-1,Arrhythmia,"
            + course
            + "\r\n";
    Reply imported = importCsv(ADMIN, csv);
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    assertThat(imported.data().get("courses").asInt()).isEqualTo(1);
    assertThat(imported.data().get("slos").asInt()).isEqualTo(1);
    assertThat(imported.data().get("concepts").asInt()).isEqualTo(1);

    String teacher = faculty(UUID.randomUUID());
    Reply found =
        api.get(
            COURSES + "?q=" + URLEncoder.encode("cardio nurs", StandardCharsets.UTF_8), teacher);
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.data().get("items")).hasSize(1);
    assertThat(found.data().get("items").get(0).get("title").asText())
        .isEqualTo("Cardiology, advanced");
    assertThat(found.data().get("editable").asBoolean()).isTrue();

    JsonNode detail = api.get(COURSES + "/" + course, teacher).data();
    assertThat(detail.get("slos").get(0).get("title").asText()).isEqualTo("Read an ECG strip");
    assertThat(detail.get("concepts").get(0).get("id").asText()).isEqualTo(concept.toString());

    String body =
        """
        {"courseId":"%s","name":"ECG set","targetCount":2,
         "scope":{"sloIds":["%s"],"conceptIds":["%s"]},"questionType":"single_best_answer",
         "difficultyDistribution":{"easy":100,"medium":0,"hard":0}}
        """
            .formatted(course, slo, concept);
    Reply created = api.post("/api/v1/generation/batch", teacher, body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String batch = created.data().get("batchId").asText();
    assertThat(
            api.get("/api/v1/generation/batch/" + batch, teacher)
                .data()
                .get("courseTitle")
                .asText())
        .isEqualTo("Cardiology, advanced");
    assertThat(
            api.get("/api/v1/generation/batch", teacher)
                .data()
                .get("items")
                .get(0)
                .get("courseTitle")
                .asText())
        .isEqualTo("Cardiology, advanced");

    Reply unknown = api.post("/api/v1/generation/batch", teacher, Bodies.generation(1, 1));
    assertThat(
            api.get("/api/v1/generation/batch/" + unknown.data().get("batchId").asText(), teacher)
                .data()
                .get("courseTitle")
                .isNull())
        .as("a course the catalogue does not know still works, without a title")
        .isTrue();
  }

  @Test
  void everyBadCellOfAnImportIsReportedByLineAndNothingIsStored() {
    UUID course = UUID.randomUUID();
    String csv =
        "kind,id,code,title,course_id\n"
            + "course,"
            + course
            + ",BAD-1,Bad course,\n"
            + "slo,"
            + UUID.randomUUID()
            + ",\"SLO\n0\",A cell over two lines,"
            + course
            + "\n\n"
            + "slo,12345,SLO-1,,"
            + course
            + "\n"
            + "module,"
            + UUID.randomUUID()
            + ",M,M,\n"
            + "concept,"
            + UUID.randomUUID()
            + ",C,C,"
            + UUID.randomUUID()
            + "\n";
    Reply refused = importCsv(ADMIN, csv);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(fields(refused)).containsExactly("lines[6].id", "lines[6].title", "lines[7].kind");
    assertThat(api.get(COURSES + "?q=BAD-1", faculty(UUID.randomUUID())).data().get("items"))
        .isEmpty();

    Reply orphan =
        importCsv(
            ADMIN,
            "kind,id,code,title,course_id\nconcept," + UUID.randomUUID() + ",C,C," + course + "\n");
    assertThat(orphan.status()).isEqualTo(400);
    assertThat(fields(orphan)).containsExactly("lines[2].course_id");

    Reply header = importCsv(ADMIN, "kind,id,name\ncourse,x,y\n");
    assertThat(header.status()).isEqualTo(400);
    assertThat(header.json().path("error").path("message").asText())
        .contains("missing: code, title, course_id")
        .contains("unknown: name");

    Reply ragged = importCsv(ADMIN, "kind,id,code,title,course_id\ncourse," + course + ",A\n");
    assertThat(ragged.status()).isEqualTo(400);
    assertThat(fields(ragged)).containsExactly("lines[2]");

    Reply unclosed = importCsv(ADMIN, "kind,id,code,title,course_id\ncourse,\"x,y,z,\n");
    assertThat(unclosed.status()).isEqualTo(400);
    assertThat(unclosed.errorCode()).isEqualTo("MALFORMED_REQUEST");

    Reply json = api.post(IMPORT, ADMIN, "{}");
    assertThat(json.status()).isEqualTo(415);

    Reply latin1 =
        api.send(
            "POST",
            IMPORT,
            ADMIN,
            new String(new byte[] {'k', (byte) 0xE9}, StandardCharsets.ISO_8859_1),
            Map.of("Content-Type", "text/csv; charset=ISO-8859-1"));
    assertThat(latin1.status()).isEqualTo(400);
  }

  @Test
  void onlyCatalogueAdministratorsChangeTheCatalogue() {
    String teacher = faculty(UUID.randomUUID());
    Reply refused =
        importCsv(teacher, "kind,id,code,title,course_id\ncourse," + UUID.randomUUID() + ",A,B,\n");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.errorCode()).isEqualTo("FORBIDDEN");
    assertThat(
            api.json(
                    "PUT",
                    COURSES + "/" + UUID.randomUUID(),
                    teacher,
                    "{\"code\":\"A\",\"title\":\"B\"}")
                .status())
        .isEqualTo(403);
    assertThat(api.get(COURSES, null).status()).isEqualTo(401);
  }

  @Test
  void putReplacesACourseAndDeleteRemovesIt() {
    UUID id = UUID.randomUUID();
    UUID kept = UUID.randomUUID();
    String first =
        """
        {"code":"HIST-1","title":"History","slos":[{"id":"%s","code":"S1","title":"Dates"},
         {"id":"%s","code":"S2","title":"Dropped"}]}
        """
            .formatted(kept, UUID.randomUUID());
    Reply put = api.json("PUT", COURSES + "/" + id, ADMIN, first);
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.data().get("slos")).hasSize(2);

    String second =
        """
        {"code":"HIST-1","title":"World history","slos":[{"id":"%s","code":"S1","title":"Dates"}],
         "concepts":[]}
        """
            .formatted(kept);
    Reply replaced = api.json("PUT", COURSES + "/" + id, ADMIN, second);
    assertThat(replaced.data().get("title").asText()).isEqualTo("World history");
    assertThat(api.get(COURSES + "/" + id, ADMIN).data().get("slos")).hasSize(1);

    Reply unknownField =
        api.json("PUT", COURSES + "/" + id, ADMIN, "{\"code\":\"A\",\"title\":\"B\",\"x\":1}");
    assertThat(unknownField.status()).isEqualTo(400);
    Reply blank = api.json("PUT", COURSES + "/" + id, ADMIN, "{\"code\":\" \",\"title\":\"B\"}");
    assertThat(blank.status()).isEqualTo(400);
    assertThat(fields(blank)).containsExactly("code");

    assertThat(api.delete(COURSES + "/" + id, ADMIN).status()).isEqualTo(200);
    assertThat(api.get(COURSES + "/" + id, ADMIN).status()).isEqualTo(404);
    assertThat(api.delete(COURSES + "/" + id, ADMIN).status()).isEqualTo(404);
    assertThat(api.get(COURSES + "?limit=0", ADMIN).status()).isEqualTo(400);
    assertThat(api.get(COURSES + "?limit=many", ADMIN).status()).isEqualTo(400);
  }
}
