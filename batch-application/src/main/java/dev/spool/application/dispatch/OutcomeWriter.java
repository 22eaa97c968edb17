package dev.spool.application.dispatch;

import dev.spool.application.model.Pricing;
import dev.spool.application.port.out.ClaimedItem;
import dev.spool.application.port.out.DispatchObserver;
import dev.spool.application.port.out.ItemOutcome;
import dev.spool.application.port.out.RecordResult;
import dev.spool.application.port.out.SpoolPorts;
import dev.spool.domain.batch.AdaptiveConcurrency;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.BatchStatus;
import dev.spool.domain.batch.ItemStatus;
import dev.spool.domain.batch.Settlement;
import dev.spool.domain.dispatch.Backoff;
import dev.spool.domain.dispatch.BatchItemError;
import dev.spool.domain.dispatch.RetryPolicy;
import dev.spool.domain.event.BatchEvent;
import dev.spool.domain.event.ItemCompleted;
import dev.spool.domain.event.ItemFailed;
import dev.spool.domain.event.StemPreview;
import dev.spool.domain.money.Money;
import dev.spool.domain.question.QuestionId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Writes a group of finished attempts in one transaction: it locks their batches, decides what
 * becomes of each item, records the outcomes fenced by their leases, finishes any batch that
 * drained, refills from the freed work, and appends all the events at once. Holding the locks, it
 * knows the batches' new counts without reading them back.
 */
final class OutcomeWriter {
  private final SpoolPorts ports;
  private final BatchSettler settler;
  private final Backoff backoff;
  private final RandomGenerator random;
  private final Supplier<UUID> ids;
  private final DispatchObserver observer;
  private final Pricing pricing;

  OutcomeWriter(
      SpoolPorts ports,
      BatchSettler settler,
      Backoff backoff,
      RandomGenerator random,
      Supplier<UUID> ids,
      DispatchObserver observer,
      Pricing pricing) {
    this.observer = observer;
    this.pricing = pricing;
    this.ports = ports;
    this.settler = settler;
    this.backoff = backoff;
    this.random = random;
    this.ids = ids;
  }

  void write(List<Finished> finished, Refill refill) {
    long start = System.nanoTime();
    List<BatchEvent> committed =
        ports
            .transactions()
            .inTransaction(() -> {
              Instant now = ports.clock().instant();
              Map<BatchId, Batch> batches = lockBatches(finished);
              List<ItemOutcome> outcomes =
                  finished.stream()
                      .map(
                          f -> decide(f, batches.get(batchOf(f))).releasing(f.claimed().reserved()))
                      .toList();
              List<RecordResult> results = ports.queue().record(outcomes);
              List<BatchEvent> events = new ArrayList<>();
              Map<BatchId, String> fatal = new LinkedHashMap<>();
              for (int i = 0; i < finished.size(); i++) {
                Finished f = finished.get(i);
                if (f.attempt() instanceof Attempt.Fatal(var error)) {
                  fatal.putIfAbsent(batchOf(f), error.getMessage());
                }
                if (results.get(i) == RecordResult.APPLIED) {
                  itemEvent(f.claimed(), outcomes.get(i)).ifPresent(events::add);
                  if (outcomes.get(i).cost().isPositive()) {
                    observer.charged(outcomes.get(i).cost());
                  }
                  ItemOutcome applied = outcomes.get(i);
                  batches.computeIfPresent(batchOf(f), (id, b) -> settled(b, applied));
                }
              }
              adapt(batches, finished, outcomes, results);
              batches
                  .values()
                  .forEach(
                      b -> settleBatch(b, Optional.ofNullable(fatal.get(b.id())), now, events));
              refill.claim(finished.size(), events);
              ports.events().append(events);
              return events;
            });
    observer.outcomesWritten(finished.size(), Duration.ofNanos(System.nanoTime() - start));
    observer.committed(committed);
  }

  /**
   * Adapts each batch's concurrency to what the provider said: a 429 halves it, successes grow it
   * back. Only attempts that reached the provider count, and only a change is written.
   */
  private void adapt(
      Map<BatchId, Batch> batches,
      List<Finished> finished,
      List<ItemOutcome> outcomes,
      List<RecordResult> results) {
    Map<BatchId, AdaptiveConcurrency> adapted = new LinkedHashMap<>();
    for (int i = 0; i < finished.size(); i++) {
      Batch batch = batches.get(batchOf(finished.get(i)));
      if (batch == null || results.get(i) != RecordResult.APPLIED) {
        continue;
      }
      AdaptiveConcurrency now = adapted.getOrDefault(batch.id(), batch.concurrency());
      switch (finished.get(i).attempt()) {
        case Attempt.Failed(var error, var answered) when error.isRateLimited() ->
            adapted.put(batch.id(), now.rateLimited());
        case Attempt.Succeeded succeeded -> adapted.put(batch.id(), now.succeeded());
        default -> {}
      }
    }
    adapted.forEach((id, concurrency) -> {
      if (!concurrency.equals(batches.get(id).concurrency())) {
        ports.batches().adapt(id, concurrency);
        batches.computeIfPresent(id, (key, b) -> b.withConcurrency(concurrency));
      }
    });
  }

  /**
   * The batch's counts, tokens and spend once {@code outcome} has applied, as the store added them.
   */
  private static Batch settled(Batch batch, ItemOutcome outcome) {
    Settlement settlement = outcome.settlement();
    return batch
        .withCounts(batch.counts().plus(settlement.counts()))
        .withTokens(batch.tokens().plus(settlement.tokens()))
        .withSpend(batch.spend().settled(outcome.released(), outcome.cost()));
  }

  private Map<BatchId, Batch> lockBatches(List<Finished> finished) {
    Map<BatchId, Batch> batches = new LinkedHashMap<>();
    finished.stream()
        .map(OutcomeWriter::batchOf)
        .distinct()
        .sorted(Comparator.comparing(BatchId::value))
        .forEach(id -> ports.batches().lock(id).ifPresent(b -> batches.put(id, b)));
    return batches;
  }

  private void settleBatch(
      Batch current, Optional<String> fatalReason, Instant now, List<BatchEvent> events) {
    Optional<Batch> failed = fatalReason.flatMap(reason -> current.failFatally(reason, now));
    if (failed.isPresent()) {
      Batch saved = settler.updateLocked(failed.get());
      events.add(settler.progressEvent(saved, now));
      events.add(settler.completedEvent(saved, now));
    } else if (settler.settle(current, now, events).isEmpty()) {
      events.add(settler.progressEvent(current, now));
    }
  }

  /**
   * What becomes of each item: its own transitions and the retry policy decide, not the store. An
   * attempt costs what the provider billed for the tokens it reported; one that was cut off
   * reported none, so it is charged what was reserved for it, since the provider may have billed
   * it. An attempt given back unfinished, or ended by a batch-fatal error, costs nothing.
   */
  private ItemOutcome decide(Finished f, Batch batch) {
    BatchItem item = f.claimed().item();
    return switch (f.attempt()) {
      case Attempt.Succeeded(var question) ->
          ItemOutcome.completed(item, new QuestionId(ids.get()), question, f.at())
              .costing(pricing.cost(question));
      case Attempt.Failed(var error, var answered) ->
          ItemOutcome.of(afterFailure(f, error, batch, false))
              .costing(answered.map(pricing::cost).orElse(Money.ZERO));
      case Attempt.Interrupted(var reason) ->
          ItemOutcome.of(afterFailure(f, BatchItemError.interrupted(reason), batch, true))
              .costing(f.claimed().reserved());
      case Attempt.Fatal fatal -> ItemOutcome.of(item.release(f.at()));
      case Attempt.Abandoned abandoned -> ItemOutcome.of(item.release(f.at()));
    };
  }

  private Settlement afterFailure(Finished f, BatchItemError error, Batch batch, boolean cutOff) {
    ClaimedItem claimed = f.claimed();
    RetryPolicy policy = new RetryPolicy(claimed.execution().maxRetries(), backoff);
    BatchStatus status = batch == null ? BatchStatus.RUNNING : batch.status();
    return policy.settle(claimed.item(), error, status, cutOff, f.at(), random);
  }

  /** The event of a settlement, with the error the item now keeps: one code over REST and SSE. */
  private static Optional<BatchEvent> itemEvent(ClaimedItem claimed, ItemOutcome outcome) {
    BatchItem item = claimed.item();
    Settlement settled = outcome.settlement();
    if (settled.question().isPresent()) {
      return Optional.of(
          new ItemCompleted(
              item.batchId(),
              item.id(),
              settled.question().get(),
              item.position(),
              claimed.batchTotal(),
              outcome.question().map(q -> StemPreview.of(q.stem())).orElse(""),
              settled.at()));
    }
    return settled
        .error()
        .map(error ->
            new ItemFailed(
                item.batchId(),
                item.id(),
                item.position(),
                error.code(),
                error.message(),
                item.attempts(),
                settled.status() == ItemStatus.PENDING,
                settled.at()));
  }

  private static BatchId batchOf(Finished f) {
    return f.claimed().item().batchId();
  }
}
