package dev.spool.clientit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;

/** A schema of openapi.json's components, with the components it refers to, for checking events. */
final class OpenApiSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenApiSchemas() {}

  static Schema component(String name) throws Exception {
    JsonNode document;
    try (InputStream in = OpenApiSchemas.class.getResourceAsStream("/spool/openapi.json")) {
      document = JSON.readTree(in);
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$ref", "#/components/schemas/" + name);
    root.set("components", document.get("components"));
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(root.toString());
  }
}
