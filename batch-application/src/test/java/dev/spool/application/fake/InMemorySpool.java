package dev.spool.application.fake;

import dev.spool.application.port.out.QuestionGenerator;
import dev.spool.application.port.out.RateLimiter;
import dev.spool.application.port.out.SpoolPorts;

/** Every driven port as an in-memory fake over one database. */
public final class InMemorySpool {
  private final TestClock clock = new TestClock();
  private final InMemoryDatabase db = new InMemoryDatabase(clock);
  private final InMemoryBatchStore batches = new InMemoryBatchStore(db);
  private final InMemoryBatchItems items = new InMemoryBatchItems(db);
  private final InMemoryWorkQueue queue = new InMemoryWorkQueue(db);
  private final InMemoryEventLog events = new InMemoryEventLog(db);

  public SpoolPorts ports(QuestionGenerator generator) {
    return ports(generator, RateLimiter.unlimited());
  }

  public SpoolPorts ports(QuestionGenerator generator, RateLimiter limiter) {
    return new SpoolPorts(batches, items, queue, events, db, generator, limiter, clock);
  }

  public TestClock clock() {
    return clock;
  }

  public InMemoryDatabase database() {
    return db;
  }

  public InMemoryBatchStore batches() {
    return batches;
  }

  public InMemoryBatchItems items() {
    return items;
  }

  public InMemoryWorkQueue queue() {
    return queue;
  }

  public InMemoryEventLog events() {
    return events;
  }
}
