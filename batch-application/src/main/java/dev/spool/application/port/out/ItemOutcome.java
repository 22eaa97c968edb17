package dev.spool.application.port.out;

import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.Lease;
import dev.spool.domain.batch.Settlement;
import dev.spool.domain.money.Money;
import dev.spool.domain.question.GeneratedQuestion;
import dev.spool.domain.question.QuestionId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How one in-flight item ends its attempt: the {@link Settlement} its item decided, and the
 * question to store with a completion. Every outcome is fenced by its lease: it applies only while
 * the item is still in progress under that lease's token.
 *
 * @param cost what the attempt cost: what its tokens cost at the model's price, or what was
 *     reserved for it if it was cut off
 * @param released what the attempt's claim reserved, released from the budgets as it settles
 */
public record ItemOutcome(
    Settlement settlement, Optional<GeneratedQuestion> question, Money cost, Money released) {

  public ItemOutcome {
    Objects.requireNonNull(settlement, "settlement");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(released, "released");
    if (cost.nanos() < 0 || released.nanos() < 0) {
      throw new IllegalArgumentException("a cost or a reservation cannot be negative");
    }
    if (question.isPresent() != settlement.question().isPresent()) {
      throw new IllegalArgumentException("a completion, and only a completion, stores a question");
    }
  }

  /** An ending that stores no question. */
  public static ItemOutcome of(Settlement settlement) {
    return new ItemOutcome(settlement, Optional.empty(), Money.ZERO, Money.ZERO);
  }

  /** {@code item} completed with {@code question}, stored under {@code id}. */
  public static ItemOutcome completed(
      BatchItem item, QuestionId id, GeneratedQuestion question, Instant at) {
    return new ItemOutcome(
        item.complete(id, question.usage(), at), Optional.of(question), Money.ZERO, Money.ZERO);
  }

  /**
   * This outcome, charging {@code attemptCost} for the attempt: added to the item, its batch and
   * its owner's month, while the attempt's reservation is released.
   */
  public ItemOutcome costing(Money attemptCost) {
    return new ItemOutcome(settlement, question, attemptCost, released);
  }

  /** This outcome, releasing {@code reservation}, what its attempt's claim reserved. */
  public ItemOutcome releasing(Money reservation) {
    return new ItemOutcome(settlement, question, cost, reservation);
  }

  public Lease lease() {
    return settlement.lease();
  }
}
