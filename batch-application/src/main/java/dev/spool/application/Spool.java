package dev.spool.application;

import dev.spool.application.dispatch.BatchSettler;
import dev.spool.application.dispatch.Dispatcher;
import dev.spool.application.dispatch.DispatcherSettings;
import dev.spool.application.model.ApprovalPolicy;
import dev.spool.application.model.Pricing;
import dev.spool.application.port.in.UseCases;
import dev.spool.application.port.out.DispatchObserver;
import dev.spool.application.port.out.SpoolPorts;
import dev.spool.application.service.Services;
import dev.spool.domain.config.ConfigLimits;
import dev.spool.domain.question.QuestionRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Spool assembled from its driven ports: every use case, and the dispatcher that runs the batches.
 * This is what an embedding service builds; closing it stops the dispatcher gracefully.
 *
 * <pre>{@code
 * try (Spool spool = Spool.builder(ports).nodeId("billing-1").build()) {
 *   spool.start();
 *   spool.useCases().createBatch().create(command);
 * }
 * }</pre>
 */
public final class Spool implements AutoCloseable {
  private final Dispatcher dispatcher;
  private final UseCases useCases;
  private final List<AutoCloseable> owned;

  private Spool(Builder builder) {
    this.owned = List.copyOf(builder.owned.reversed());
    BatchSettler settler =
        new BatchSettler(builder.ports.batches(), builder.ports.items(), builder.ports.events());
    this.dispatcher =
        new Dispatcher(
            builder.dispatcher,
            builder.ports,
            settler,
            builder.rules,
            new SplittableRandom(),
            builder.ids,
            builder.observer,
            builder.pricing);
    this.useCases =
        Services.over(
            builder.ports,
            settler,
            builder.limits,
            builder.pricing,
            builder.approval,
            builder.ids,
            dispatcher::workAvailable);
  }

  public static Builder builder(SpoolPorts ports) {
    return new Builder(ports);
  }

  /** Starts the dispatcher: recovers this node's interrupted items, then runs batches. */
  public void start() {
    dispatcher.start();
  }

  /**
   * Stops the dispatcher (in-flight items finish or are released), then closes what the builder was
   * told to own, last registered first. A resource that fails to close does not keep the others
   * open; the first failure is thrown afterwards with the others suppressed.
   */
  @Override
  public void close() {
    RuntimeException failure = null;
    try {
      dispatcher.close();
    } catch (RuntimeException e) {
      failure = e;
    }
    for (AutoCloseable resource : owned) {
      try {
        resource.close();
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        RuntimeException wrapped =
            e instanceof RuntimeException r
                ? r
                : new IllegalStateException("could not close " + resource, e);
        if (failure == null) {
          failure = wrapped;
        } else {
          failure.addSuppressed(wrapped);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  public Dispatcher dispatcher() {
    return dispatcher;
  }

  /** Every use case, over this Spool's ports. */
  public UseCases useCases() {
    return useCases;
  }

  /** Settings with defaults: node id {@code spool}, 10,000 items, concurrency up to 50. */
  public static final class Builder {
    private final SpoolPorts ports;
    private ConfigLimits limits = ConfigLimits.DEFAULT;
    private DispatcherSettings dispatcher = DispatcherSettings.defaults("spool");
    private Supplier<UUID> ids;
    private QuestionRules rules = QuestionRules.DEFAULT;
    private DispatchObserver observer = DispatchObserver.NONE;
    private Pricing pricing = Pricing.NONE;
    private ApprovalPolicy approval = ApprovalPolicy.ALWAYS;
    private final List<AutoCloseable> owned = new ArrayList<>();

    private Builder(SpoolPorts ports) {
      this.ports = Objects.requireNonNull(ports, "ports");
      this.ids = new TimeOrderedIds(ports.clock());
    }

    public Builder limits(ConfigLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    public Builder dispatcher(DispatcherSettings settings) {
      this.dispatcher = Objects.requireNonNull(settings, "settings");
      return this;
    }

    public Builder nodeId(String nodeId) {
      return dispatcher(DispatcherSettings.defaults(nodeId));
    }

    /** What a generated question must satisfy to count as completed. */
    public Builder questionRules(QuestionRules rules) {
      this.rules = Objects.requireNonNull(rules, "rules");
      return this;
    }

    /** Where new ids come from; time-ordered UUIDs ({@link TimeOrderedIds}) by default. */
    public Builder ids(Supplier<UUID> ids) {
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /** What calls cost, for spend and budgets; nothing is priced by default. */
    /** Which batches that ask for approval may skip it; by default none. */
    public Builder approval(ApprovalPolicy approval) {
      this.approval = Objects.requireNonNull(approval, "approval");
      return this;
    }

    public Builder pricing(Pricing pricing) {
      this.pricing = Objects.requireNonNull(pricing, "pricing");
      return this;
    }

    /** Who watches the dispatcher's work, such as a metrics registry; nobody by default. */
    public Builder observer(DispatchObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /**
     * Hands {@code resource} to the Spool being built: {@link Spool#close()} closes it after the
     * dispatcher stops, such as the store whose event listener and pool the ports run on.
     */
    public Builder closing(AutoCloseable resource) {
      owned.add(Objects.requireNonNull(resource, "resource"));
      return this;
    }

    public Spool build() {
      return new Spool(this);
    }
  }
}
