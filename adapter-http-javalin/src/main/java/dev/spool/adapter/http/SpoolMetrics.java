package dev.spool.adapter.http;

import dev.spool.application.port.out.DispatchObserver;
import dev.spool.domain.event.BatchEvent;
import dev.spool.domain.event.ItemCompleted;
import dev.spool.domain.event.ItemFailed;
import dev.spool.domain.question.TokenUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Spool's Prometheus metrics: item counters, the generation latency timer, rate-limit waits, queue
 * gauges, SSE connections and HTTP requests. It observes the dispatcher, so hand it to {@code
 * Spool.builder(...).observer(...)}, then to the server.
 */
public final class SpoolMetrics implements DispatchObserver {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter started = counter("spool.items.started", "attempts started on this node");
  private final Counter completed = counter("spool.items.completed", "items completed");
  private final Counter failed = counter("spool.items.failed", "items failed for good");
  private final Counter retried = counter("spool.items.retried", "failed attempts to be retried");
  private final Counter promptTokens = tokens("prompt");
  private final Counter completionTokens = tokens("completion");
  private final Counter spend =
      Counter.builder("spool.spend")
          .baseUnit("usd")
          .description(
              "what the calls settled on this node cost, in US dollars, at the price table")
          .register(registry);
  private final Timer rateLimitWaits =
      Timer.builder("spool.ratelimit.wait")
          .description("time waited for the shared rate limit before a call")
          .register(registry);
  private final Map<AttemptResult, Timer> generation = new EnumMap<>(AttemptResult.class);
  private final Timer outcomeWrites =
      Timer.builder("spool.outcome.write")
          .description(
              "one transaction writing finished attempts and claiming their successors, commit"
                  + " included")
          .publishPercentileHistogram()
          .register(registry);
  private final Counter outcomesWritten =
      counter("spool.outcome.written", "finished attempts written, for the mean group size");

  public SpoolMetrics() {
    for (AttemptResult result : AttemptResult.values()) {
      generation.put(
          result,
          Timer.builder("spool.generation.latency")
              .description("time spent in the question generator per attempt")
              .tag("result", result.name().toLowerCase(java.util.Locale.ROOT))
              .publishPercentileHistogram()
              .register(registry));
    }
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  /** Gauges of this node's in-flight items and the queue's pending items, read when scraped. */
  public SpoolMetrics gauges(Supplier<Number> inFlight, Supplier<Number> pending) {
    Gauge.builder("spool.items.in_flight", inFlight)
        .description("items being generated on this node")
        .register(registry);
    Gauge.builder("spool.items.pending", pending)
        .description("items waiting in running batches, over all nodes")
        .register(registry);
    return this;
  }

  /**
   * Gauges of running batches' concurrency, summed: as configured, and in effect after providers'
   * 429s cut it (adaptive concurrency). Read when scraped; the same on every node.
   */
  public SpoolMetrics concurrency(Supplier<Number> configured, Supplier<Number> effective) {
    Gauge.builder("spool.batches.concurrency", configured)
        .description("concurrency of running batches, summed")
        .tag("kind", "configured")
        .register(registry);
    Gauge.builder("spool.batches.concurrency", effective)
        .description("concurrency of running batches, summed")
        .tag("kind", "effective")
        .register(registry);
    return this;
  }

  private Counter tokens(String kind) {
    return Counter.builder("spool.tokens")
        .description("tokens of generated questions, as the provider reported them")
        .tag("kind", kind)
        .register(registry);
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  @Override
  public void attemptStarted() {
    started.increment();
  }

  @Override
  public void attemptFinished(AttemptResult result, Duration generationTime) {
    generation.get(result).record(generationTime);
  }

  @Override
  public void tokensUsed(TokenUsage usage) {
    promptTokens.increment(usage.promptTokens());
    completionTokens.increment(usage.completionTokens());
  }

  @Override
  public void charged(dev.spool.domain.money.Money cost) {
    spend.increment(cost.toUsd().doubleValue());
  }

  @Override
  public void rateLimitWaited(Duration wait) {
    rateLimitWaits.record(wait);
  }

  @Override
  public void outcomesWritten(int outcomes, Duration took) {
    outcomeWrites.record(took);
    outcomesWritten.increment(outcomes);
  }

  @Override
  public void committed(List<BatchEvent> events) {
    for (BatchEvent event : events) {
      switch (event) {
        case ItemCompleted c -> completed.increment();
        case ItemFailed f when f.willRetry() -> retried.increment();
        case ItemFailed f -> failed.increment();
        default -> {}
      }
    }
  }
}
