package dev.spool.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the README promises and what the build has, kept equal: the API table and the OpenAPI
 * document, the embedding snippet and the examples project it comes from, the stated version and
 * the BOM.
 */
class ReadmeTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern TABLE_ROW =
      Pattern.compile("^\\| `(GET|POST|PUT|PATCH|DELETE) (/[^`?]*)[^`]*` \\|", Pattern.MULTILINE);
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  private static String read(String path) throws IOException {
    return Files.readString(ROOT.resolve(path));
  }

  @Test
  void the_readme_api_table_lists_exactly_the_operations_of_the_openapi_document()
      throws IOException {
    String readme = read("README.md");
    String api = readme.substring(readme.indexOf("## The API"), readme.indexOf("## LLM providers"));
    Set<String> documented = new TreeSet<>();
    Matcher row = TABLE_ROW.matcher(api);
    while (row.find()) {
      documented.add(row.group(1) + " " + row.group(2).replaceAll(":(\\w+)", "{$1}"));
    }

    JsonNode document;
    try (InputStream in = ReadmeTest.class.getResourceAsStream("/spool/openapi.json")) {
      document = new ObjectMapper().readTree(in);
    }
    Set<String> served = new TreeSet<>();
    for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
      path.getValue()
          .fieldNames()
          .forEachRemaining(method -> {
            if (METHODS.contains(method)) {
              served.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
            }
          });
    }

    assertThat(documented).hasSizeGreaterThan(10).isEqualTo(served);
  }

  @Test
  void the_readme_embedding_snippet_is_the_examples_project_s_code() throws IOException {
    String source =
        read("examples/embedded-spool/src/main/java/dev/spool/example/EmbeddedSpool.java");
    String region =
        source.substring(
            source.indexOf("// README:begin\n") + "// README:begin\n".length(),
            source.indexOf("  // README:end"));
    String dedented =
        region.lines().map(l -> l.startsWith("  ") ? l.substring(2) : l).collect(joinLines());
    String readme = read("README.md");
    int start = readme.indexOf("```java\n", readme.indexOf("## Embedding the library"));

    assertThat(readme.substring(start + "```java\n".length()))
        .as("the README's first Java snippet under 'Embedding the library'")
        .startsWith(dedented);
  }

  @Test
  void the_stated_version_is_the_build_s_and_the_bom_pins_every_published_module()
      throws IOException {
    String parent = read("pom.xml");
    String version = tag(parent.substring(parent.indexOf("<artifactId>spool-parent")), "version");
    String bom = read("spool-bom/pom.xml");
    String readme = read("README.md");

    assertThat(tag(bom.substring(bom.indexOf("<artifactId>spool-bom")), "version"))
        .isEqualTo(version);
    assertThat(readme).contains("Spool's version is **" + version + "**");
    assertThat(read("examples/embedded-spool/pom.xml"))
        .contains("<spool.version>" + version + "</spool.version>");
    for (String module :
        List.of(
            "batch-domain",
            "batch-application",
            "adapter-persistence-jdbi",
            "adapter-llm",
            "adapter-http-javalin",
            "bootstrap")) {
      assertThat(parent).contains("<module>" + module + "</module>");
      assertThat(bom).contains("<artifactId>" + module + "</artifactId>");
    }
  }

  private static String tag(String xml, String name) {
    int start = xml.indexOf("<" + name + ">") + name.length() + 2;
    return xml.substring(start, xml.indexOf("</" + name + ">", start));
  }

  private static java.util.stream.Collector<CharSequence, ?, String> joinLines() {
    return Collectors.joining("\n", "", "\n");
  }
}
