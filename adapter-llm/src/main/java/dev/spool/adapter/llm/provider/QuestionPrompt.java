package dev.spool.adapter.llm.provider;

import dev.spool.application.port.out.GenerationRequest;
import dev.spool.domain.config.ItemSpec;
import dev.spool.domain.config.ScopeRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The prompt for one item, from the templates in {@code spool/prompts/}: a system message with the
 * output contract, and a user message filled from the item's spec.
 */
final class QuestionPrompt {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

  private final String system = load("system.txt");
  private final String question = load("question.txt");
  private final String item = load("item.txt");

  String system() {
    return system;
  }

  String user(GenerationRequest request) {
    String course = request.course().value().toString();
    return switch (request.spec()) {
      case ItemSpec.Question q ->
          fill(
              question,
              Map.of(
                  "questionType", q.type().wireName().replace('_', ' '),
                  "courseId", course,
                  "difficulty", q.difficulty().wireName(),
                  "sloIds", ids(q, ScopeRef.Kind.SLO),
                  "conceptIds", ids(q, ScopeRef.Kind.CONCEPT),
                  "templateId", q.templateId().map(UUID::toString).orElse("none")));
      case ItemSpec.Prompt p ->
          fill(item, Map.of("courseId", course, "name", p.name(), "prompt", p.prompt()));
    };
  }

  private static String ids(ItemSpec.Question q, ScopeRef.Kind kind) {
    String ids =
        q.scope().stream()
            .filter(s -> s.kind() == kind)
            .map(s -> s.id().toString())
            .collect(Collectors.joining(", "));
    return ids.isEmpty() ? "none" : ids;
  }

  /** Replaces every {@code {{name}}}; a template naming an unknown value is a bug. */
  static String fill(String template, Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new IllegalStateException("no value for {{" + matcher.group(1) + "}} in a prompt");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String load(String name) {
    String path = "/spool/prompts/" + name;
    try (InputStream in = QuestionPrompt.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing prompt resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
