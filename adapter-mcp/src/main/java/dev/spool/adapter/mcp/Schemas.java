package dev.spool.adapter.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON Schema fragments for the tools' inputs and outputs. */
final class Schemas {
  private Schemas() {}

  static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    schema.put("additionalProperties", false);
    return schema;
  }

  static Map<String, Object> openObject(Map<String, Object> properties) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    return schema;
  }

  static Map<String, Object> type(String type, String description) {
    return Map.of("type", type, "description", description);
  }

  static Map<String, Object> uuid(String description) {
    return Map.of("type", "string", "format", "uuid", "description", description);
  }

  static Map<String, Object> array(Map<String, Object> items, String description) {
    return Map.of("type", "array", "items", items, "description", description);
  }

  static Map<String, Object> batchId() {
    return object(
        Map.of("batchId", uuid("the batch's id, as create_batch or list_batches gave it")),
        List.of("batchId"));
  }

  /** What every batch tool returns about a batch. */
  static Map<String, Object> batchOutput() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("batchId", uuid("the batch"));
    p.put("name", Map.of("type", List.of("string", "null")));
    p.put(
        "status",
        type(
            "string",
            "pending, running, paused, completed, completed_with_errors, failed or cancelled"));
    p.put(
        "approval",
        Map.of(
            "type",
            List.of("string", "null"),
            "description",
            "required while it waits for its owner's approval on the page"));
    p.put("total", type("integer", "items in the batch"));
    p.put("completed", type("integer", "items done"));
    p.put("failed", type("integer", "items that failed for good"));
    p.put("cancelled", type("integer", "items cancelled"));
    p.put("pending", type("integer", "items not started"));
    p.put("inProgress", type("integer", "items being generated"));
    p.put("progress", type("number", "finished share, 0 to 1"));
    p.put("etaSeconds", Map.of("type", List.of("integer", "null")));
    p.put(
        "throughput",
        Map.of("type", List.of("number", "null"), "description", "items per second lately"));
    p.put("spentUsd", type("number", "what its calls cost so far"));
    p.put("projectedCostUsd", Map.of("type", List.of("number", "null")));
    p.put("budgetUsd", Map.of("type", List.of("number", "null")));
    p.put("pauseReason", Map.of("type", List.of("string", "null")));
    p.put(
        "pageUrl",
        type("string", "the batch's page, where its owner watches, steers and approves it"));
    p.put("message", type("string", "what happened, in a sentence for the user"));
    return openObject(p);
  }
}
