package dev.spool.adapter.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.spool.domain.config.BatchConfigDraft;
import dev.spool.domain.config.ConfigLimits;
import dev.spool.domain.config.FieldError;
import dev.spool.domain.config.GenerationDraft;
import dev.spool.domain.config.InvalidBatchConfig;
import dev.spool.domain.config.ItemListDraft;
import dev.spool.domain.config.TextRules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns a create body into a config draft. Syntax errors are {@code MALFORMED_REQUEST}; every field
 * error, the adapter's and the domain's, is listed together in one {@code VALIDATION_ERROR}.
 */
final class CreateBatchParser {
  static final int MAX_NAME_LENGTH = 200;

  private final ObjectMapper mapper;
  private final ConfigLimits limits;

  CreateBatchParser(ObjectMapper mapper, ConfigLimits limits) {
    this.mapper = mapper;
    this.limits = limits;
  }

  /** A body that parsed, with its validated parts. */
  record Parsed(UUID courseId, Optional<String> name, BatchConfigDraft draft) {}

  Parsed parse(byte[] json) {
    CreateBatchBody body = read(json);
    List<FieldError> errors = new ArrayList<>();
    if (body.courseId() == null) {
      errors.add(FieldError.required("courseId"));
    }
    if (body.name() != null) {
      TextRules.check("name", body.name(), MAX_NAME_LENGTH).ifPresent(errors::add);
    }
    if (body.items() != null && body.hasGenerationFields()) {
      errors.add(
          FieldError.invalid(
              "items", "give either items or the generation fields (targetCount, scope, ...)"));
    }
    BatchConfigDraft draft = draft(body);
    try {
      draft.validate(limits);
    } catch (InvalidBatchConfig invalid) {
      errors.addAll(invalid.errors());
    }
    if (!errors.isEmpty()) {
      throw new InvalidBatchConfig(errors);
    }
    return new Parsed(body.courseId(), Optional.ofNullable(body.name()), draft);
  }

  private static BatchConfigDraft draft(CreateBatchBody body) {
    if (body.items() != null) {
      List<ItemListDraft.Item> items =
          body.items().stream()
              .map(i -> i == null ? null : new ItemListDraft.Item(i.name(), i.prompt()))
              .toList();
      return new ItemListDraft(items, body.concurrency(), body.maxRetries());
    }
    var scope = body.scope();
    var mix = body.difficultyDistribution();
    return new GenerationDraft(
        body.targetCount(),
        scope == null ? null : scope.sloIds(),
        scope == null ? null : scope.conceptIds(),
        body.questionType(),
        mix == null ? null : mix.easy(),
        mix == null ? null : mix.medium(),
        mix == null ? null : mix.hard(),
        body.templateId(),
        body.concurrency(),
        body.maxRetries());
  }

  private CreateBatchBody read(byte[] json) {
    try {
      CreateBatchBody body = mapper.readValue(json, CreateBatchBody.class);
      if (body == null) {
        throw ApiError.malformed("the body must be a JSON object");
      }
      return body;
    } catch (UnrecognizedPropertyException e) {
      String field = path(e);
      throw ApiError.invalid(field, "unknown_field", "unknown field '" + field + "'");
    } catch (InvalidFormatException e) {
      throw e.getTargetType() == UUID.class
          ? ApiError.malformed(path(e), path(e) + " must be a UUID")
          : ApiError.invalid(path(e), "wrong_type", path(e) + " has the wrong type");
    } catch (JsonMappingException e) {
      if (e.getPath().isEmpty()) {
        throw ApiError.malformed("the body must be a JSON object");
      }
      String field = path(e);
      throw ApiError.invalid(field, "wrong_type", field + " has the wrong type");
    } catch (InputCoercionException e) {
      throw ApiError.invalid("body", "out_of_range", "a number in the body is out of range");
    } catch (JacksonException e) {
      throw ApiError.malformed("the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiError.malformed("the body could not be read");
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }
}
