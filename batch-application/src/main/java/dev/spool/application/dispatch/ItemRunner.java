package dev.spool.application.dispatch;

import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.GenerationRequest;
import dev.spool.application.port.out.QuestionGenerator;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.config.Difficulty;
import dev.spool.domain.config.ItemSpec;
import dev.spool.domain.dispatch.BatchItemError;
import dev.spool.domain.dispatch.BatchPipelineError;
import dev.spool.domain.question.GeneratedQuestion;
import dev.spool.domain.question.QuestionValidator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one attempt against the generator, validates what it returns, and turns whatever happens
 * into an {@link Attempt}. An invalid question is a retryable failure of the attempt. An attempt
 * cut short by shutdown is abandoned, not failed: it was not the item's fault.
 */
final class ItemRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ItemRunner.class);

  private final QuestionGenerator generator;
  private final QuestionValidator validator;

  ItemRunner(QuestionGenerator generator, QuestionValidator validator) {
    this.generator = generator;
    this.validator = validator;
  }

  Attempt run(ClaimedItem claimed) {
    BatchItem item = claimed.item();
    GenerationRequest request =
        new GenerationRequest(
            item.batchId(),
            item.id(),
            claimed.owner(),
            claimed.course(),
            item.spec(),
            item.attempts(),
            item.round());
    try {
      GeneratedQuestion question = generator.generate(request);
      Optional<Difficulty> requested =
          item.spec() instanceof ItemSpec.Question q
              ? Optional.of(q.difficulty())
              : Optional.empty();
      return validator
          .error(question, requested)
          .<Attempt>map(error ->
              new Attempt.Failed(
                  BatchItemError.retryable("VALIDATION_FAILED", error), Optional.of(question)))
          .orElseGet(() -> new Attempt.Succeeded(question));
    } catch (BatchItemError error) {
      return Thread.currentThread().isInterrupted()
          ? new Attempt.Abandoned()
          : new Attempt.Failed(error);
    } catch (BatchPipelineError fatal) {
      return new Attempt.Fatal(fatal);
    } catch (RuntimeException unexpected) {
      if (Thread.currentThread().isInterrupted()) {
        return new Attempt.Abandoned();
      }
      LOG.warn(
          "generator failed unexpectedly on item {}; it will be retried", item.id(), unexpected);
      return new Attempt.Failed(
          BatchItemError.retryable(
              "GENERATOR_ERROR",
              unexpected.getClass().getSimpleName() + ": " + unexpected.getMessage()));
    }
  }
}
