package dev.spool.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar as a newcomer uses it: dev mode, a clear line on bad config, SIGTERM. */
class ServerProcessIT {
  private static final Path JAR = Path.of("target", "spool.jar");
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
  private static final Pattern TOKEN = Pattern.compile("token \\(valid 30 days\\): (\\S+)");

  @TempDir Path data;

  private Process start(String... env) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString())
            .redirectErrorStream(true);
    builder.environment().put("SPOOL_DATA_DIR", data.toString());
    builder.environment().put("SPOOL_PORT", "0");
    for (int i = 0; i < env.length; i += 2) {
      builder.environment().put(env[i], env[i + 1]);
    }
    return builder.start();
  }

  private static List<String> collect(Process process) {
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread.ofVirtual()
        .start(() -> {
          try (BufferedReader reader =
              new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().forEach(lines::add);
          } catch (IOException | java.io.UncheckedIOException e) {
            // the process ended
          }
        });
    return lines;
  }

  /**
   * On a JDK older than 21, {@code java -jar spool.jar} names the Java it needs and where to find
   * one, instead of an {@code UnsupportedClassVersionError}. Runs wherever an older JDK is
   * installed, as on this project's build machines, whose default java is 17.
   */
  @Test
  void an_old_java_is_told_which_java_spool_needs_instead_of_a_class_version_error()
      throws Exception {
    Path oldJava =
        Stream.of("java-17-openjdk-amd64", "java-17-openjdk-arm64", "java-11-openjdk-amd64")
            .map(jdk -> Path.of("/usr/lib/jvm", jdk, "bin", "java"))
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
    Assumptions.assumeTrue(oldJava != null, "no JDK older than 21 installed");
    Process process =
        new ProcessBuilder(oldJava.toString(), "-jar", JAR.toString())
            .redirectErrorStream(true)
            .start();
    List<String> lines = collect(process);

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(1);
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> lines.size() >= 2);
    assertThat(String.join("\n", lines))
        .contains("Spool needs Java 21 or newer, but this is Java 1")
        .contains("./spool run")
        .doesNotContain("UnsupportedClassVersionError")
        .doesNotContain("\tat ");
  }

  @Test
  void a_bad_configuration_value_stops_start_up_with_one_line_naming_the_variable()
      throws Exception {
    Process process = start("SPOOL_MAX_BATCH_ITEMS", "lots");
    List<String> lines = collect(process);

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !lines.isEmpty());
    assertThat(lines).hasSize(1);
    assertThat(lines.getFirst()).contains("SPOOL_MAX_BATCH_ITEMS").contains("lots");
    assertThat(String.join("\n", lines)).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void dev_mode_prints_a_working_token_and_sigterm_shuts_down_gracefully() throws Exception {
    Process process = start();
    List<String> lines = collect(process);
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> lines.stream().anyMatch(l -> TOKEN.matcher(l).find()));
      String base = find(lines, LISTENING);
      String token = find(lines, TOKEN);
      assertThat(lines).anyMatch(l -> l.contains("DEV MODE"));

      HttpResponse<String> list =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(base + "/api/v1/generation/batch"))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(list.statusCode()).isEqualTo(200);
      Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .alias("one request line: method, route, status, time")
          .until(() ->
              lines.stream()
                  .anyMatch(l -> l.matches(".*GET /api/v1/generation/batch 200 \\d+ ms$")));
      assertThat(lines)
          .as("the printed web link signs in with the same token")
          .anyMatch(l -> l.contains("Web page") && l.contains(base + "/#token=" + token));
      HttpResponse<String> page =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(base + "/")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<title>Spool</title>");
    } finally {
      process.toHandle().destroy(); // SIGTERM, leaving the output open to read to its end
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(143);
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .alias("the log ends with 'shut down'")
        .until(() -> lines.stream().anyMatch(l -> l.contains("shut down")));
    assertThat(String.join("\n", lines)).doesNotContain("\tat ");
    assertThat(lines)
        .as("no token reaches the request log")
        .filteredOn(l -> l.contains("http.requests"))
        .allSatisfy(l -> assertThat(l).doesNotContain(token(lines)));
  }

  private static String token(List<String> lines) {
    return find(lines, TOKEN);
  }

  private static String find(List<String> lines, Pattern pattern) {
    for (String line : lines) {
      Matcher matcher = pattern.matcher(line);
      if (matcher.find()) {
        return matcher.group(1);
      }
    }
    throw new AssertionError("no line matches " + pattern + " in " + lines);
  }
}
