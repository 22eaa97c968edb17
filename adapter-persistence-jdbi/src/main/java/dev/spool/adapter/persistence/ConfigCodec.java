package dev.spool.adapter.persistence;

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
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Batch configs and item specs as jsonb, in the API's field names. */
final class ConfigCodec {
  private ConfigCodec() {}

  static String write(BatchConfig config) {
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
        ArrayNode items = node.putArray("items");
        l.items().forEach(i -> items.addObject().put("name", i.name()).put("prompt", i.prompt()));
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
      case "items" ->
          new ItemListConfig(
              Json.stream(node.get("items"))
                  .map(i -> new ItemSpec.Prompt(i.get("name").asText(), i.get("prompt").asText()))
                  .toList(),
              execution);
      default -> throw new IllegalStateException("unknown stored config kind " + node.get("kind"));
    };
  }

  static String write(ItemSpec spec) {
    ObjectNode node = Json.object();
    switch (spec) {
      case ItemSpec.Question q -> {
        node.put("kind", "question")
            .put("type", q.type().wireName())
            .put("difficulty", q.difficulty().wireName());
        node.set("scope", scope(q.scope()));
        node.put("templateId", q.templateId().map(UUID::toString).orElse(null));
      }
      case ItemSpec.Prompt p ->
          node.put("kind", "prompt").put("name", p.name()).put("prompt", p.prompt());
    }
    return Json.write(node);
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

  static ArrayNode scope(List<ScopeRef> refs) {
    ArrayNode array = Json.array();
    refs.forEach(r ->
        array
            .addObject()
            .put("kind", r.kind().name().toLowerCase(Locale.ROOT))
            .put("id", r.id().toString()));
    return array;
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
