package dev.spool.adapter.http;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * The body of {@code POST /api/v1/generation/batch}: seed 001's generation fields, or an explicit
 * {@code items} list. Every field is nullable here so that missing ones are reported together.
 */
record CreateBatchBody(
    UUID courseId,
    String name,
    Integer targetCount,
    Scope scope,
    String questionType,
    Difficulty difficultyDistribution,
    UUID templateId,
    Integer concurrency,
    Integer maxRetries,
    List<Item> items,
    BigDecimal budgetUsd,
    Boolean requireApproval) {

  record Scope(List<UUID> sloIds, List<UUID> conceptIds) {}

  record Difficulty(Integer easy, Integer medium, Integer hard) {}

  record Item(String name, String prompt) {}

  boolean hasGenerationFields() {
    return targetCount != null
        || scope != null
        || questionType != null
        || difficultyDistribution != null
        || templateId != null;
  }
}
