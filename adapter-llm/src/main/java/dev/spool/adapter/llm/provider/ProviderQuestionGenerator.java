package dev.spool.adapter.llm.provider;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.spool.application.port.out.GenerationRequest;
import dev.spool.application.port.out.QuestionGenerator;
import dev.spool.domain.question.GeneratedQuestion;
import dev.spool.domain.question.TokenUsage;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;

/**
 * Generates each question with a real model, through LangChain4j's OpenAI or Anthropic client: the
 * prompt from the templates, a JSON schema for the answer, strict reading of it, and the provider's
 * usage report as the item's tokens. Failures become item or batch errors ({@link ProviderErrors});
 * LangChain4j's own retries are off, because Spool's dispatcher retries with the batch's budget and
 * the shared rate limiter.
 */
public final class ProviderQuestionGenerator implements QuestionGenerator {
  static final String OPENAI_URL = "https://api.openai.com/v1";
  static final String ANTHROPIC_URL = "https://api.anthropic.com/v1/";

  private final ChatModel model;
  private final LlmSettings settings;
  private final QuestionPrompt prompt = new QuestionPrompt();
  private final ProviderErrors errors;

  private ProviderQuestionGenerator(ChatModel model, LlmSettings settings, Clock clock) {
    this.model = model;
    this.settings = settings;
    this.errors =
        new ProviderErrors(
            settings.provider().wireName(), settings.model(), settings.apiKey(), clock);
  }

  public static ProviderQuestionGenerator create(LlmSettings settings, Clock clock) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clock, "clock");
    ChatModel model =
        switch (settings.provider()) {
          case OPENAI ->
              OpenAiChatModel.builder()
                  .httpClientBuilder(ProviderTransport.builder())
                  .baseUrl(settings.baseUrl().map(URI::toString).orElse(OPENAI_URL))
                  // local OpenAI-compatible servers (Ollama, vLLM) need no key
                  .apiKey(settings.apiKey().orElse("not-needed"))
                  .modelName(settings.model())
                  .timeout(settings.timeout())
                  .maxRetries(0)
                  .strictJsonSchema(true)
                  .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                  .build();
          case ANTHROPIC ->
              AnthropicChatModel.builder()
                  .httpClientBuilder(ProviderTransport.builder())
                  .baseUrl(settings.baseUrl().map(URI::toString).orElse(ANTHROPIC_URL))
                  .apiKey(settings.apiKey().orElse(""))
                  .modelName(settings.model())
                  .maxTokens(settings.maxOutputTokens())
                  .timeout(settings.timeout())
                  .maxRetries(0)
                  .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                  .build();
        };
    return new ProviderQuestionGenerator(model, settings, clock);
  }

  @Override
  public GeneratedQuestion generate(GenerationRequest request) {
    ChatRequest chat =
        ChatRequest.builder()
            .messages(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user(request)))
            .responseFormat(
                settings.output() == LlmSettings.Output.JSON_SCHEMA
                    ? QuestionOutput.FORMAT
                    : QuestionOutput.JSON_MODE)
            .maxOutputTokens(settings.maxOutputTokens())
            .build();
    ChatResponse response;
    try {
      response = model.chat(chat);
    } catch (RuntimeException e) {
      throw errors.map(e);
    }
    String modelName = response.modelName() == null ? settings.model() : response.modelName();
    return QuestionOutput.read(
        response.aiMessage() == null ? null : response.aiMessage().text(),
        request,
        settings.provider().wireName(),
        modelName,
        usage(response.tokenUsage()));
  }

  /**
   * The provider's usage report, with the prompt tokens it served from its cache, which the price
   * table bills at the cached-input price. OpenAI counts them within the input tokens; Anthropic
   * counts cache reads and cache writes apart from them, so they are added (a cache write is billed
   * as input).
   */
  static TokenUsage usage(dev.langchain4j.model.output.TokenUsage usage) {
    if (usage == null) {
      return TokenUsage.NONE;
    }
    long input = count(usage.inputTokenCount());
    long output = count(usage.outputTokenCount());
    return switch (usage) {
      case OpenAiTokenUsage openAi ->
          new TokenUsage(
              input,
              output,
              Math.min(
                  input,
                  openAi.inputTokensDetails() == null
                      ? 0
                      : count(openAi.inputTokensDetails().cachedTokens())));
      case AnthropicTokenUsage anthropic -> {
        long read = count(anthropic.cacheReadInputTokens());
        long written = count(anthropic.cacheCreationInputTokens());
        yield new TokenUsage(input + read + written, output, read);
      }
      default -> new TokenUsage(input, output);
    };
  }

  private static long count(Integer tokens) {
    return tokens == null ? 0 : Math.max(0, tokens);
  }

  @Override
  public String toString() {
    return "ProviderQuestionGenerator[" + settings + "]";
  }
}
