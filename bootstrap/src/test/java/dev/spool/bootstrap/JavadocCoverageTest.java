package dev.spool.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public type of the library an embedder compiles against (batch-domain and
 * batch-application, ports included) has Javadoc: a public type, or any type nested in an interface
 * (which is public whether it says so or not), is preceded by a doc comment.
 */
class JavadocCoverageTest {
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "^\\s*(?:public|protected)\\s+(?:(?:static|final|abstract|sealed|non-sealed)\\s+)*"
              + "(?:class|interface|record|enum|@interface)\\s+\\w+.*");
  private static final Pattern NESTED_TYPE =
      Pattern.compile(
          "^\\s+(?:(?:static|final|abstract|sealed|non-sealed)\\s+)*"
              + "(?:class|interface|record|enum)\\s+\\w+.*");
  private static final Pattern TOP_LEVEL_INTERFACE =
      Pattern.compile("^public\\s+(?:sealed\\s+)?interface\\s.*");

  @Test
  void every_public_type_of_the_domain_and_the_application_has_javadoc() throws IOException {
    List<String> undocumented = new ArrayList<>();
    int checked = 0;
    for (String module : List.of("batch-domain", "batch-application")) {
      List<Path> sources;
      try (Stream<Path> files = Files.walk(Path.of("..", module, "src", "main", "java"))) {
        sources =
            files
                .filter(p -> p.toString().endsWith(".java"))
                .filter(p -> !p.endsWith("package-info.java"))
                .toList();
      }
      for (Path source : sources) {
        List<String> lines = Files.readAllLines(source);
        boolean inInterface =
            lines.stream().anyMatch(l -> TOP_LEVEL_INTERFACE.matcher(l).matches());
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          boolean isPublic =
              PUBLIC_TYPE.matcher(line).matches()
                  || (inInterface && NESTED_TYPE.matcher(line).matches());
          if (!isPublic) {
            continue;
          }
          checked++;
          int above = i - 1;
          while (above >= 0 && lines.get(above).trim().startsWith("@")) {
            above--;
          }
          if (above < 0 || !lines.get(above).trim().endsWith("*/")) {
            undocumented.add(source.getFileName() + ":" + (i + 1) + " " + line.trim());
          }
        }
      }
    }

    assertThat(checked).as("public types found").isGreaterThan(100);
    assertThat(undocumented).isEmpty();
  }
}
