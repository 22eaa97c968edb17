package dev.spool.application.port.out;

import dev.spool.domain.dispatch.BatchItemError;
import dev.spool.domain.dispatch.BatchPipelineError;
import dev.spool.domain.question.GeneratedQuestion;

/**
 * Generates one question: prompt, model, structured output, validation. Called concurrently from
 * many virtual threads; an implementation may block.
 */
public interface QuestionGenerator {

  /**
   * @throws BatchItemError if this attempt failed; its retryable flag and retry-after hint decide
   *     whether and when the item is tried again
   * @throws BatchPipelineError if no item of the batch can succeed, such as when the provider
   *     rejects the credentials: the batch then fails at once
   */
  GeneratedQuestion generate(GenerationRequest request);
}
