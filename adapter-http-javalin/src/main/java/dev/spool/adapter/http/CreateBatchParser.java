package dev.spool.adapter.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.CreateBatch;
import dev.spool.domain.batch.CourseId;
import dev.spool.domain.config.BatchConfigDraft;
import dev.spool.domain.config.GenerationDraft;
import dev.spool.domain.config.ItemListDraft;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns a create body into a create command, and nothing more: syntax errors are {@code
 * MALFORMED_REQUEST}, a field of the wrong type or an unknown field is a {@code VALIDATION_ERROR}
 * naming it, and a body that mixes an item list with generation fields cannot be read as either.
 * Every rule about the values themselves (required fields, lengths, limits) is the application's,
 * which lists all that is wrong at once.
 */
final class CreateBatchParser {
  private final ObjectMapper mapper;

  CreateBatchParser(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  CreateBatch.Command parse(byte[] json, Actor actor, Optional<String> idempotencyKey) {
    CreateBatchBody body = read(json);
    if (body.items() != null && body.hasGenerationFields()) {
      throw ApiError.invalid(
          "items",
          "invalid",
          "give either items or the generation fields (targetCount, scope, ...)");
    }
    return new CreateBatch.Command(
        actor,
        body.courseId() == null ? null : new CourseId(body.courseId()),
        Optional.ofNullable(body.name()),
        draft(body),
        idempotencyKey);
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
