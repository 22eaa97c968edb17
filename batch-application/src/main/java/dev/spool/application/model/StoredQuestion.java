package dev.spool.application.model;

import dev.spool.domain.batch.BatchId;
import dev.spool.domain.question.GeneratedQuestion;
import dev.spool.domain.question.QuestionId;

/** A generated question with where it belongs. */
public record StoredQuestion(QuestionId id, BatchId batchId, GeneratedQuestion question) {}
