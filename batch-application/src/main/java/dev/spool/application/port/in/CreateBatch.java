package dev.spool.application.port.in;

import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.CourseId;
import dev.spool.domain.config.BatchConfigDraft;
import dev.spool.domain.money.Money;
import java.util.Objects;
import java.util.Optional;

/** Creates a batch and starts it. */
public interface CreateBatch {

  /**
   * Validates the config, plans its items, stores the batch and starts it. The same idempotency key
   * from the same owner returns the first batch instead of a second one.
   *
   * @throws dev.spool.domain.config.InvalidBatchConfig listing every field error
   * @throws dev.spool.domain.batch.AccessDenied without the faculty role
   * @throws IdempotencyKeyReused if the key was used for a different request
   */
  Result create(Command command);

  /**
   * A request as the caller made it; {@link #create} checks every rule of it and lists every field
   * error at once.
   *
   * @param courseId required: null when a request named none, which is a field error like the rest
   * @param name shown in lists; optional
   * @param idempotencyKey makes retries of the same request safe; 1 to 255 visible ASCII characters
   * @param budget the most the batch may spend; optional
   * @param approvalRequested create it pending, to wait for its owner's approval, unless the
   *     server's approval policy waives it for a batch this small
   */
  record Command(
      Actor actor,
      CourseId courseId,
      Optional<String> name,
      BatchConfigDraft config,
      Optional<String> idempotencyKey,
      Optional<Money> budget,
      boolean approvalRequested) {
    public Command {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(idempotencyKey, "idempotencyKey");
      Objects.requireNonNull(budget, "budget");
    }

    /** A request without a budget. */
    public Command(
        Actor actor,
        CourseId courseId,
        Optional<String> name,
        BatchConfigDraft config,
        Optional<String> idempotencyKey) {
      this(actor, courseId, name, config, idempotencyKey, Optional.empty(), false);
    }

    /** A request that runs at once. */
    public Command(
        Actor actor,
        CourseId courseId,
        Optional<String> name,
        BatchConfigDraft config,
        Optional<String> idempotencyKey,
        Optional<Money> budget) {
      this(actor, courseId, name, config, idempotencyKey, budget, false);
    }

    /** The same request, waiting for its owner's approval unless the policy waives it. */
    public Command awaitingApproval() {
      return new Command(actor, courseId, name, config, idempotencyKey, budget, true);
    }
  }

  /**
   * @param created false when an earlier request with the same idempotency key made the batch
   */
  record Result(Batch batch, boolean created) {}
}
