package dev.spool.adapter.llm.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.application.port.out.GenerationRequest;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.CourseId;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.config.Difficulty;
import dev.spool.domain.config.ItemSpec;
import dev.spool.domain.config.QuestionType;
import dev.spool.domain.config.ScopeRef;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Requests, settings and the providers' wire answers the provider tests share. */
final class ProviderFixtures {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String API_KEY = "sk-test-0123456789abcdef";
  static final UUID SLO = UUID.fromString("11111111-2222-3333-4444-555555555555");
  static final UUID CONCEPT = UUID.fromString("66666666-7777-8888-9999-000000000000");
  static final UUID COURSE = UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");

  private ProviderFixtures() {}

  static LlmSettings settings(LlmSettings.Provider provider, String baseUrl, Duration timeout) {
    return new LlmSettings(
        provider,
        Optional.of(API_KEY),
        provider == LlmSettings.Provider.OPENAI ? "gpt-test" : "claude-test",
        Optional.of(URI.create(baseUrl)),
        timeout,
        700,
        LlmSettings.Output.JSON_SCHEMA);
  }

  static GenerationRequest request(Difficulty difficulty) {
    return new GenerationRequest(
        new BatchId(UUID.randomUUID()),
        new ItemId(UUID.randomUUID()),
        new UserId(UUID.randomUUID()),
        new CourseId(COURSE),
        new ItemSpec.Question(
            QuestionType.SINGLE_BEST_ANSWER,
            difficulty,
            List.of(
                new ScopeRef(ScopeRef.Kind.SLO, SLO), new ScopeRef(ScopeRef.Kind.CONCEPT, CONCEPT)),
            Optional.empty()),
        1,
        0);
  }

  /** A question as a model would write it, as JSON text. */
  static String questionJson(String difficulty) {
    ObjectNode q = JSON.createObjectNode();
    q.put(
        "stem",
        "A 58-year-old man has crushing central chest pain for 40 minutes. The ECG shows ST"
            + " elevation in leads II, III and aVF. Which artery is most likely occluded?");
    var options = q.putArray("options");
    String[][] texts = {
      {"A", "Left anterior descending artery"},
      {"B", "Right coronary artery"},
      {"C", "Left circumflex artery"},
      {"D", "Left main coronary artery"}
    };
    for (String[] t : texts) {
      options.addObject().put("label", t[0]).put("text", t[1]);
    }
    q.put("correctLabel", "B");
    q.put(
        "explanation",
        "Inferior leads point to the right coronary artery in most people; the others supply the"
            + " anterior and lateral walls.");
    q.put("difficulty", difficulty);
    q.putArray("scopeIds").add(SLO.toString());
    return q.toString();
  }

  static String openAiAnswer(String content, int prompt, int completion) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1_700_000_000);
    root.put("model", "gpt-test-2026-01-01");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0).put("finish_reason", "stop");
    choice.putObject("message").put("role", "assistant").put("content", content);
    root.putObject("usage")
        .put("prompt_tokens", prompt)
        .put("completion_tokens", completion)
        .put("total_tokens", prompt + completion);
    return root.toString();
  }

  /** An OpenAI answer whose usage reports {@code cached} of the prompt tokens as cached. */
  static String openAiAnswer(String content, int prompt, int completion, int cached) {
    ObjectNode root = (ObjectNode) readTree(openAiAnswer(content, prompt, completion));
    ((ObjectNode) root.get("usage"))
        .putObject("prompt_tokens_details")
        .put("cached_tokens", cached);
    return root.toString();
  }

  /** An Anthropic answer with cache reads and writes counted apart from the input tokens. */
  static String anthropicAnswer(String text, int input, int output, int read, int written) {
    ObjectNode root = (ObjectNode) readTree(anthropicAnswer(text, input, output));
    ((ObjectNode) root.get("usage"))
        .put("cache_read_input_tokens", read)
        .put("cache_creation_input_tokens", written);
    return root.toString();
  }

  private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String anthropicAnswer(String text, int input, int output) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "msg_1").put("type", "message").put("role", "assistant");
    root.put("model", "claude-test-2026");
    root.putArray("content").addObject().put("type", "text").put("text", text);
    root.put("stop_reason", "end_turn");
    root.putObject("usage").put("input_tokens", input).put("output_tokens", output);
    return root.toString();
  }
}
