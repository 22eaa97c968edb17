package dev.spool.application.service;

import dev.spool.application.dispatch.BatchSettler;
import dev.spool.application.model.ApprovalPolicy;
import dev.spool.application.model.Pricing;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.CreateBatch;
import dev.spool.application.port.in.IdempotencyKeyReused;
import dev.spool.application.port.out.BatchEventLog;
import dev.spool.application.port.out.BatchStore;
import dev.spool.application.port.out.CreateResult;
import dev.spool.application.port.out.Transactions;
import dev.spool.domain.batch.AccessDenied;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.config.BatchConfig;
import dev.spool.domain.config.ConfigLimits;
import dev.spool.domain.config.FieldError;
import dev.spool.domain.config.InvalidBatchConfig;
import dev.spool.domain.config.ItemSpec;
import dev.spool.domain.config.TextRules;
import dev.spool.domain.event.BatchStatusChanged;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Validates, plans, stores and starts a batch, once per idempotency key; or stores it pending, to
 * wait for its owner's approval, when it asked to and the approval policy does not waive it.
 */
public final class CreateBatchService implements CreateBatch {
  static final int MAX_NAME_LENGTH = 200;
  static final int MAX_KEY_LENGTH = 255;
  private static final String KEY_FIELD = "Idempotency-Key";

  private final BatchStore store;
  private final Transactions transactions;
  private final BatchEventLog events;
  private final BatchSettler settler;
  private final Clock clock;
  private final ConfigLimits limits;
  private final Supplier<UUID> ids;
  private final Runnable workAvailable;
  private final Pricing pricing;
  private final ApprovalPolicy approval;

  CreateBatchService(
      BatchStore store,
      Transactions transactions,
      BatchEventLog events,
      BatchSettler settler,
      Clock clock,
      ConfigLimits limits,
      Supplier<UUID> ids,
      Runnable workAvailable,
      Pricing pricing,
      ApprovalPolicy approval) {
    this.pricing = pricing;
    this.approval = approval;
    this.store = store;
    this.transactions = transactions;
    this.events = events;
    this.settler = settler;
    this.clock = clock;
    this.limits = limits;
    this.ids = ids;
    this.workAvailable = workAvailable;
  }

  @Override
  public Result create(Command command) {
    if (!command.actor().hasRole(Actor.FACULTY)) {
      throw AccessDenied.missingRole(Actor.FACULTY);
    }
    BatchConfig config = validate(command);
    Instant now = clock.instant();
    Batch planned =
        Batch.create(
                new BatchId(ids.get()),
                command.actor().id(),
                command.courseId(),
                command.name(),
                config,
                command.idempotencyKey(),
                now)
            .withBudget(command.budget());
    boolean waits =
        command.approvalRequested()
            && approval.requires(config.itemCount(), pricing.projected(config.itemCount()));
    Batch batch = waits ? planned : planned.start(now);
    List<BatchItem> items = plan(batch, config, now);
    CreateResult result =
        transactions.inTransaction(() -> {
          CreateResult stored = store.create(batch, items);
          if (stored instanceof CreateResult.Created fresh) {
            events.append(
                List.of(
                    new BatchStatusChanged(
                        batch.id(),
                        waits
                            ? BatchStatusChanged.Change.AWAITING_APPROVAL
                            : BatchStatusChanged.Change.STARTED,
                        fresh.batch().status(),
                        now),
                    settler.progressEvent(fresh.batch(), now)));
          }
          return stored;
        });
    return switch (result) {
      case CreateResult.Created stored -> {
        if (!waits) {
          workAvailable.run();
        }
        yield new Result(stored.batch(), true);
      }
      case CreateResult.Existing existing -> new Result(sameRequest(existing, batch), false);
    };
  }

  /**
   * Every rule of a create request, checked here and only here, with every field error listed at
   * once: the course, the name, the idempotency key and the config against the limits.
   */
  private BatchConfig validate(Command command) {
    List<FieldError> errors = new ArrayList<>();
    if (command.courseId() == null) {
      errors.add(FieldError.required("courseId"));
    }
    command.name().ifPresent(name -> checkText(errors, "name", name, MAX_NAME_LENGTH));
    command.idempotencyKey().flatMap(CreateBatchService::keyError).ifPresent(errors::add);
    Optional<BatchConfig> config = Optional.empty();
    try {
      config = Optional.of(command.config().validate(limits));
    } catch (InvalidBatchConfig invalid) {
      errors.addAll(invalid.errors());
    }
    if (!errors.isEmpty()) {
      throw new InvalidBatchConfig(errors);
    }
    return config.orElseThrow();
  }

  /** A key is 1 to 255 visible ASCII characters, as an HTTP header carries it unchanged. */
  private static Optional<FieldError> keyError(String key) {
    boolean visibleAscii = key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !visibleAscii) {
      return Optional.of(
          FieldError.invalid(
              KEY_FIELD,
              KEY_FIELD + " must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters"));
    }
    return Optional.empty();
  }

  private static void checkText(List<FieldError> errors, String field, String value, int max) {
    TextRules.check(field, value, max).ifPresent(errors::add);
  }

  private List<BatchItem> plan(Batch batch, BatchConfig config, Instant now) {
    List<ItemSpec> specs = config.planItems();
    List<BatchItem> items = new ArrayList<>(specs.size());
    for (int position = 0; position < specs.size(); position++) {
      items.add(
          BatchItem.planned(new ItemId(ids.get()), batch.id(), position, specs.get(position), now));
    }
    return items;
  }

  /** A repeated key must carry the same request; otherwise the client has a bug to hear about. */
  private static Batch sameRequest(CreateResult.Existing existing, Batch requested) {
    boolean same =
        existing.sameConfig()
            && existing.batch().courseId().equals(requested.courseId())
            && existing.batch().name().equals(requested.name())
            && existing.batch().spend().budget().equals(requested.spend().budget());
    if (!same) {
      throw new IdempotencyKeyReused(requested.idempotencyKey().orElseThrow());
    }
    return existing.batch();
  }
}
