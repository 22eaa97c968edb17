package dev.spool.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.adapter.llm.SimulatorSettings;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web page's files as HTTP serves them: types, caching and the content security policy. */
class WebPageIT {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(SimulatorSettings.instant(1));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void the_page_is_served_at_the_root_without_a_token_and_locked_to_its_own_origin()
      throws Exception {
    HttpResponse<String> page = get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).contains("<script type=\"module\" src=\"/app.js\">");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp ->
            assertThat(csp)
                .contains("default-src 'self'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval"));
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void every_module_and_the_stylesheet_have_their_types() throws Exception {
    for (String module :
        new String[] {
          "app.js", "api.js", "stream.js", "format.js", "list.js", "create.js", "batch.js"
        }) {
      HttpResponse<String> script = get("/" + module);
      assertThat(script.statusCode()).as(module).isEqualTo(200);
      assertThat(script.headers().firstValue("Content-Type").orElseThrow())
          .as(module)
          .contains("javascript");
    }
    HttpResponse<String> css = get("/styles.css");
    assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
    assertThat(css.body())
        .contains("--color-success")
        .contains("--color-error")
        .contains("--color-muted")
        .contains("--color-info");
  }

  @Test
  void an_unknown_file_is_a_json_404_not_the_page() throws Exception {
    HttpResponse<String> missing = get("/nothing-here.js");

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("\"code\":\"NOT_FOUND\"");
  }

  private static HttpResponse<String> get(String path) throws Exception {
    ApiClient api = server.api();
    return api.http()
        .send(
            HttpRequest.newBuilder(api.uri(path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
