package dev.spool.application.port.out;

import java.time.Clock;
import java.util.Objects;

/** Every driven port Spool needs, as an embedding service or the server provides them. */
public record SpoolPorts(
    BatchStore batches,
    BatchItems items,
    WorkQueue queue,
    BatchEventLog events,
    Transactions transactions,
    QuestionGenerator generator,
    RateLimiter rateLimiter,
    Clock clock,
    OwnerAccounts owners) {

  public SpoolPorts {
    Objects.requireNonNull(batches, "batches");
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(transactions, "transactions");
    Objects.requireNonNull(generator, "generator");
    Objects.requireNonNull(rateLimiter, "rateLimiter");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(owners, "owners");
  }

  /** Ports whose owners all have the default policy and no account kept. */
  public SpoolPorts(
      BatchStore batches,
      BatchItems items,
      WorkQueue queue,
      BatchEventLog events,
      Transactions transactions,
      QuestionGenerator generator,
      RateLimiter rateLimiter,
      Clock clock) {
    this(
        batches,
        items,
        queue,
        events,
        transactions,
        generator,
        rateLimiter,
        clock,
        OwnerAccounts.NONE);
  }
}
