package dev.spool.adapter.llm.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.spool.application.port.out.GenerationRequest;
import dev.spool.domain.config.Difficulty;
import dev.spool.domain.config.ItemSpec;
import dev.spool.domain.config.QuestionType;
import dev.spool.domain.config.ScopeRef;
import dev.spool.domain.dispatch.BatchItemError;
import dev.spool.domain.question.AnswerOption;
import dev.spool.domain.question.GeneratedQuestion;
import dev.spool.domain.question.TokenUsage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The structured output Spool asks for (a JSON schema the provider enforces where it can) and the
 * strict reading of what came back. Small slips are repaired (Markdown fences, prose around the
 * object); anything else is an {@code INVALID_OUTPUT} item error, retried within the budget.
 */
final class QuestionOutput {
  static final String INVALID_OUTPUT = "INVALID_OUTPUT";
  private static final Set<String> FIELDS =
      Set.of("stem", "options", "correctLabel", "explanation", "difficulty", "scopeIds");

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  static final ResponseFormat FORMAT =
      ResponseFormat.builder()
          .type(ResponseFormatType.JSON)
          .jsonSchema(
              JsonSchema.builder()
                  .name("exam_question")
                  .rootElement(
                      JsonObjectSchema.builder()
                          .addStringProperty("stem")
                          .addProperty(
                              "options",
                              JsonArraySchema.builder()
                                  .items(
                                      JsonObjectSchema.builder()
                                          .addEnumProperty(
                                              "label", List.of("A", "B", "C", "D", "E"))
                                          .addStringProperty("text")
                                          .required("label", "text")
                                          .additionalProperties(false)
                                          .build())
                                  .build())
                          .addEnumProperty("correctLabel", List.of("A", "B", "C", "D", "E"))
                          .addStringProperty("explanation")
                          .addEnumProperty("difficulty", List.of("easy", "medium", "hard"))
                          .addProperty(
                              "scopeIds",
                              JsonArraySchema.builder()
                                  .items(JsonStringSchema.builder().build())
                                  .build())
                          .required(
                              "stem",
                              "options",
                              "correctLabel",
                              "explanation",
                              "difficulty",
                              "scopeIds")
                          .additionalProperties(false)
                          .build())
                  .build())
          .build();

  /**
   * JSON mode without a schema, for servers that lack schema support; the prompt gives the shape.
   */
  static final ResponseFormat JSON_MODE = ResponseFormat.JSON;

  private QuestionOutput() {}

  /**
   * Reads the model's answer into a question for {@code request}.
   *
   * @throws BatchItemError with code {@code INVALID_OUTPUT} if it is not one question object
   */
  static GeneratedQuestion read(
      String text, GenerationRequest request, String provider, String model, TokenUsage usage) {
    JsonNode root = parse(text);
    List<String> unknown = new ArrayList<>();
    root.fieldNames()
        .forEachRemaining(f -> {
          if (!FIELDS.contains(f)) {
            unknown.add(f);
          }
        });
    if (!unknown.isEmpty()) {
      throw invalid("unexpected fields " + unknown);
    }
    List<AnswerOption> options = new ArrayList<>();
    for (JsonNode option : array(root, "options")) {
      options.add(new AnswerOption(text(option, "label"), text(option, "text")));
    }
    Difficulty difficulty = difficulty(text(root, "difficulty"));
    List<ScopeRef> scope = scope(array(root, "scopeIds"), request);
    try {
      return new GeneratedQuestion(
          QuestionType.SINGLE_BEST_ANSWER,
          difficulty,
          text(root, "stem"),
          options,
          text(root, "correctLabel"),
          text(root, "explanation"),
          scope,
          provider,
          model,
          usage);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw invalid(e.getMessage());
    }
  }

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid("the answer was empty");
    }
    try {
      return object(JSON.readTree(text));
    } catch (JsonProcessingException first) {
      String repaired = repair(text);
      try {
        return object(JSON.readTree(repaired));
      } catch (JsonProcessingException e) {
        throw invalid("not one JSON object: " + e.getOriginalMessage());
      }
    }
  }

  /** The text from the first '{' to the last '}': drops Markdown fences and prose around it. */
  private static String repair(String text) {
    int start = text.indexOf('{');
    int end = text.lastIndexOf('}');
    return start >= 0 && end > start ? text.substring(start, end + 1) : text;
  }

  private static JsonNode object(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw invalid("the answer is not a JSON object");
    }
    return node;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw invalid("\"" + field + "\" must be a string");
    }
    return value.asText();
  }

  private static JsonNode array(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isArray()) {
      throw invalid("\"" + field + "\" must be an array");
    }
    return value;
  }

  private static Difficulty difficulty(String value) {
    return Arrays.stream(Difficulty.values())
        .filter(d -> d.wireName().equals(value.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(() -> invalid("unknown difficulty \"" + value + "\""));
  }

  /**
   * The scope ids the model says it covered, each one of the item's own; none means the item's
   * whole scope.
   */
  private static List<ScopeRef> scope(JsonNode ids, GenerationRequest request) {
    List<ScopeRef> allowed = request.spec() instanceof ItemSpec.Question q ? q.scope() : List.of();
    Map<String, ScopeRef> byId =
        allowed.stream()
            .collect(Collectors.toMap(s -> s.id().toString(), Function.identity(), (a, b) -> a));
    List<ScopeRef> covered = new ArrayList<>();
    for (JsonNode id : ids) {
      ScopeRef ref = id.isTextual() ? byId.get(id.asText().toLowerCase(Locale.ROOT)) : null;
      if (ref == null) {
        throw invalid("scope id " + id + " is not one of the item's");
      }
      if (!covered.contains(ref)) {
        covered.add(ref);
      }
    }
    return covered.isEmpty() ? allowed : covered;
  }

  private static BatchItemError invalid(String why) {
    return BatchItemError.retryable(INVALID_OUTPUT, "the model's answer is unusable: " + why);
  }
}
