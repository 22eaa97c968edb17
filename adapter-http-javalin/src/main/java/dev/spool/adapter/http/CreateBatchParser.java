package dev.spool.adapter.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.CreateBatch;
import dev.spool.domain.batch.CourseId;
import dev.spool.domain.config.BatchConfigDraft;
import dev.spool.domain.config.GenerationDraft;
import dev.spool.domain.config.ItemListDraft;
import dev.spool.domain.money.Money;
import java.io.IOException;
import java.math.BigDecimal;
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
        idempotencyKey,
        Optional.ofNullable(body.budgetUsd()).map(usd -> budget("budgetUsd", usd)),
        Boolean.TRUE.equals(body.requireApproval()));
  }

  /** A budget as a request gives it, in dollars: above 0, at most 9 decimal places. */
  static Money budget(String field, BigDecimal usd) {
    if (usd.signum() <= 0) {
      throw ApiError.invalid(field, "out_of_range", field + " must be above 0");
    }
    try {
      return Money.usd(usd);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid(field, "out_of_range", field + ": " + e.getMessage());
    }
  }

  /**
   * The body of a budget change or a resume: {@code {"budgetUsd": 2.5}}, or {@code null} to remove
   * the budget. Empty when the body is empty or has no {@code budgetUsd}; {@code required} makes
   * its absence a field error.
   */
  Optional<Optional<Money>> budgetBody(byte[] json, boolean required) {
    if (json.length == 0 && !required) {
      return Optional.empty();
    }
    JsonNode body;
    try {
      body = mapper.readTree(json);
    } catch (IOException e) {
      throw ApiError.malformed("the body is not valid JSON");
    }
    if (body == null || body.isMissingNode() || !body.isObject()) {
      if (!required && (body == null || body.isMissingNode() || body.isNull())) {
        return Optional.empty();
      }
      throw ApiError.malformed("the body must be a JSON object");
    }
    var names = body.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!name.equals("budgetUsd")) {
        throw ApiError.invalid(name, "unknown_field", "unknown field '" + name + "'");
      }
    }
    JsonNode value = body.get("budgetUsd");
    if (value == null) {
      if (required) {
        throw ApiError.invalid("budgetUsd", "required", "budgetUsd is required (null removes it)");
      }
      return Optional.empty();
    }
    if (value.isNull()) {
      return Optional.of(Optional.empty());
    }
    if (!value.isNumber()) {
      throw ApiError.invalid("budgetUsd", "wrong_type", "budgetUsd must be a number of dollars");
    }
    return Optional.of(Optional.of(budget("budgetUsd", value.decimalValue())));
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
