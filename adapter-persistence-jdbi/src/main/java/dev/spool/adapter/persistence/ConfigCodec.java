package dev.spool.adapter.persistence;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.domain.config.BatchConfig;
import dev.spool.domain.config.Difficulty;
import dev.spool.domain.config.DifficultyDistribution;
import dev.spool.domain.config.ExecutionSettings;
import dev.spool.domain.config.GenerationConfig;
import dev.spool.domain.config.ItemListConfig;
import dev.spool.domain.config.ItemSpec;
import dev.spool.domain.config.QuestionType;
import dev.spool.domain.config.Scope;
import dev.spool.domain.config.ScopeRef;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Batch configs and item specs as jsonb, in the API's field names. */
final class ConfigCodec {
  private ConfigCodec() {}

  /**
   * The config as stored in {@code batch_jobs.config}: an item list as its count only, since its
   * items are stored as the batch's items. See {@link #writeFull} for what the digest covers.
   */
  static String write(BatchConfig config) {
    return write(config, false);
  }

  /** The whole config, listed items included: what a create's idempotency digest is taken of. */
  static String writeFull(BatchConfig config) {
    return write(config, true);
  }

  private static String write(BatchConfig config, boolean full) {
    ObjectNode node = Json.object();
    switch (config) {
      case GenerationConfig g -> {
        node.put("kind", "generation").put("targetCount", g.targetCount());
        ObjectNode scope = node.putObject("scope");
        scope.set("sloIds", Json.uuids(g.scope().sloIds()));
        scope.set("conceptIds", Json.uuids(g.scope().conceptIds()));
        node.put("questionType", g.questionType().wireName());
        node.putObject("difficultyDistribution")
            .put("easy", g.difficultyDistribution().easy())
            .put("medium", g.difficultyDistribution().medium())
            .put("hard", g.difficultyDistribution().hard());
        node.put("templateId", g.templateId().map(UUID::toString).orElse(null));
      }
      case ItemListConfig l -> {
        node.put("kind", "items");
        if (full) {
          ArrayNode items = node.putArray("items");
          l.items().forEach(i -> items.addObject().put("name", i.name()).put("prompt", i.prompt()));
        } else {
          node.put("itemCount", l.itemCount());
        }
      }
    }
    node.put("concurrency", config.execution().concurrency());
    node.put("maxRetries", config.execution().maxRetries());
    return Json.write(node);
  }

  static BatchConfig readConfig(String json) {
    JsonNode node = Json.read(json);
    ExecutionSettings execution =
        new ExecutionSettings(node.get("concurrency").asInt(), node.get("maxRetries").asInt());
    return switch (node.get("kind").asText()) {
      case "generation" -> {
        JsonNode mix = node.get("difficultyDistribution");
        yield new GenerationConfig(
            node.get("targetCount").asInt(),
            new Scope(
                Json.uuids(node.get("scope").get("sloIds")),
                Json.uuids(node.get("scope").get("conceptIds"))),
            QuestionType.fromWireName(node.get("questionType").asText()).orElseThrow(),
            new DifficultyDistribution(
                mix.get("easy").asInt(), mix.get("medium").asInt(), mix.get("hard").asInt()),
            Json.optionalText(node, "templateId").map(UUID::fromString),
            execution);
      }
      case "items" -> ItemListConfig.summary(node.get("itemCount").asInt(), execution);
      default -> throw new IllegalStateException("unknown stored config kind " + node.get("kind"));
    };
  }

  /** The spec as JSON text, written through {@code texts}. */
  static String write(Json.Texts texts, ItemSpec spec) {
    return texts.object(g -> {
      switch (spec) {
        case ItemSpec.Question q -> {
          g.writeStringField("kind", "question");
          g.writeStringField("type", q.type().wireName());
          g.writeStringField("difficulty", q.difficulty().wireName());
          g.writeFieldName("scope");
          writeScope(g, q.scope());
          g.writeStringField("templateId", q.templateId().map(UUID::toString).orElse(null));
        }
        case ItemSpec.Prompt p -> {
          g.writeStringField("kind", "prompt");
          g.writeStringField("name", p.name());
          g.writeStringField("prompt", p.prompt());
        }
      }
    });
  }

  static ItemSpec readSpec(String json) {
    JsonNode node = Json.read(json);
    return switch (node.get("kind").asText()) {
      case "question" ->
          new ItemSpec.Question(
              QuestionType.fromWireName(node.get("type").asText()).orElseThrow(),
              difficulty(node.get("difficulty").asText()),
              scope(node.get("scope")),
              Json.optionalText(node, "templateId").map(UUID::fromString));
      case "prompt" -> new ItemSpec.Prompt(node.get("name").asText(), node.get("prompt").asText());
      default -> throw new IllegalStateException("unknown stored spec kind " + node.get("kind"));
    };
  }

  /** A question's scope as JSON text, written through {@code texts}. */
  static String scope(Json.Texts texts, List<ScopeRef> refs) {
    return texts.value(g -> writeScope(g, refs));
  }

  private static void writeScope(JsonGenerator g, List<ScopeRef> refs) throws IOException {
    g.writeStartArray();
    for (ScopeRef ref : refs) {
      g.writeStartObject();
      g.writeStringField("kind", ref.kind().name().toLowerCase(Locale.ROOT));
      g.writeStringField("id", ref.id().toString());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  static List<ScopeRef> scope(JsonNode array) {
    return Json.stream(array)
        .map(r ->
            new ScopeRef(
                ScopeRef.Kind.valueOf(r.get("kind").asText().toUpperCase(Locale.ROOT)),
                UUID.fromString(r.get("id").asText())))
        .toList();
  }

  static Difficulty difficulty(String wire) {
    return Difficulty.valueOf(wire.toUpperCase(Locale.ROOT));
  }
}
