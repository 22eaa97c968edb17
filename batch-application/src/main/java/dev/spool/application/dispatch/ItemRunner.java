package dev.spool.application.dispatch;

import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.GenerationRequest;
import dev.spool.application.port.out.QuestionGenerator;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.dispatch.BatchItemError;
import dev.spool.domain.dispatch.BatchPipelineError;

/**
 * Runs one attempt against the generator and turns whatever happens into an {@link Attempt}. An
 * attempt cut short by shutdown is abandoned, not failed: it was not the item's fault.
 */
final class ItemRunner {
  private static final System.Logger LOG = System.getLogger(ItemRunner.class.getName());

  private final QuestionGenerator generator;

  ItemRunner(QuestionGenerator generator) {
    this.generator = generator;
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
            item.attempts());
    try {
      return new Attempt.Succeeded(generator.generate(request));
    } catch (BatchItemError error) {
      return new Attempt.Failed(error);
    } catch (BatchPipelineError fatal) {
      return new Attempt.Fatal(fatal);
    } catch (RuntimeException unexpected) {
      if (Thread.currentThread().isInterrupted()) {
        return new Attempt.Abandoned();
      }
      LOG.log(
          System.Logger.Level.WARNING,
          "generator failed unexpectedly on item " + item.id() + "; it will be retried",
          unexpected);
      return new Attempt.Failed(
          BatchItemError.retryable(
              "GENERATOR_ERROR",
              unexpected.getClass().getSimpleName() + ": " + unexpected.getMessage()));
    }
  }
}
