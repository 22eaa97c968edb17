package dev.spool.application.fake;

import static org.awaitility.Awaitility.await;

import dev.spool.application.Spool;
import dev.spool.application.dispatch.DispatcherSettings;
import dev.spool.application.model.PageRequest;
import dev.spool.application.model.StoredEvent;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.CreateBatch;
import dev.spool.application.port.out.DispatchObserver;
import dev.spool.application.port.out.QuestionGenerator;
import dev.spool.application.port.out.RateLimiter;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.CourseId;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.config.GenerationDraft;
import dev.spool.domain.config.ItemListDraft;
import dev.spool.domain.dispatch.Backoff;
import dev.spool.domain.event.BatchEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Spool over in-memory fakes with fast timings, plus the actors and requests tests need. Each node
 * built here is a dispatcher of its own over the same fake database, like server nodes sharing one
 * PostgreSQL.
 */
public final class SpoolTestKit implements AutoCloseable {
  public static final Actor OWNER = faculty();
  public static final Actor STRANGER = faculty();

  private final InMemorySpool fakes = new InMemorySpool();
  private final ScriptedGenerator generator = new ScriptedGenerator();
  private QuestionGenerator used = generator;
  private final List<Spool> nodes = new ArrayList<>();
  private RateLimiter limiter = RateLimiter.unlimited();
  private DispatchObserver observer = DispatchObserver.NONE;
  private dev.spool.application.model.Pricing pricing = dev.spool.application.model.Pricing.NONE;
  private dev.spool.application.model.ApprovalPolicy approval =
      dev.spool.application.model.ApprovalPolicy.ALWAYS;

  public static Actor faculty() {
    return new Actor(new UserId(UUID.randomUUID()), Set.of(Actor.FACULTY));
  }

  public static DispatcherSettings fastSettings(String node) {
    return new DispatcherSettings(
        node,
        64,
        16,
        Duration.ofMillis(5),
        Duration.ofSeconds(2),
        Duration.ofMillis(500),
        Duration.ofMillis(100),
        Duration.ofSeconds(5),
        128,
        0,
        new Backoff(Duration.ofMillis(5), Duration.ofMillis(20)));
  }

  public SpoolTestKit rateLimiter(RateLimiter limiter) {
    this.limiter = limiter;
    return this;
  }

  /** Generates with {@code real} (an adapter under test) instead of the scripted generator. */
  public SpoolTestKit using(QuestionGenerator real) {
    this.used = real;
    return this;
  }

  /** What calls cost on the nodes made after this. */
  public SpoolTestKit pricing(dev.spool.application.model.Pricing pricing) {
    this.pricing = pricing;
    return this;
  }

  /** Which batches that ask for approval skip it, on the nodes made after this. */
  public SpoolTestKit approval(dev.spool.application.model.ApprovalPolicy approval) {
    this.approval = approval;
    return this;
  }

  public SpoolTestKit observer(DispatchObserver observer) {
    this.observer = observer;
    return this;
  }

  /** A Spool node that is not yet dispatching. */
  public Spool node(DispatcherSettings settings) {
    Spool spool =
        Spool.builder(fakes.ports(used, limiter))
            .dispatcher(settings)
            .observer(observer)
            .pricing(pricing)
            .approval(approval)
            .build();
    nodes.add(spool);
    return spool;
  }

  public Spool node(String name) {
    return node(fastSettings(name));
  }

  /** A dispatching node. */
  public Spool started(String name) {
    Spool spool = node(name);
    spool.start();
    return spool;
  }

  public ScriptedGenerator generator() {
    return generator;
  }

  public InMemorySpool fakes() {
    return fakes;
  }

  public static CreateBatch.Command questions(
      Actor actor, int count, int concurrency, int maxRetries) {
    GenerationDraft draft =
        new GenerationDraft(
            count,
            List.of(UUID.randomUUID()),
            List.of(UUID.randomUUID()),
            "single_best_answer",
            30,
            50,
            20,
            null,
            concurrency,
            maxRetries);
    return new CreateBatch.Command(
        actor, new CourseId(UUID.randomUUID()), Optional.empty(), draft, Optional.empty());
  }

  public static CreateBatch.Command itemList(Actor actor, int count, int concurrency) {
    List<ItemListDraft.Item> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add(new ItemListDraft.Item("item " + i, "prompt " + i));
    }
    return new CreateBatch.Command(
        actor,
        new CourseId(UUID.randomUUID()),
        Optional.of("listed"),
        new ItemListDraft(items, concurrency, 2),
        Optional.empty());
  }

  public Batch batch(BatchId id) {
    return fakes.batches().find(id).orElseThrow();
  }

  public List<BatchItem> items(BatchId id) {
    return fakes.items().list(id, Optional.empty(), PageRequest.first(200)).items();
  }

  public List<BatchItem> allItems(BatchId id) {
    List<BatchItem> all = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      var page = fakes.items().list(id, Optional.empty(), new PageRequest(200, cursor));
      all.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor.isPresent());
    return all;
  }

  public List<StoredEvent> events(BatchId id) {
    return fakes.events().readAfter(id, 0, Integer.MAX_VALUE);
  }

  public List<StoredEvent> events(BatchId id, Class<? extends BatchEvent> type) {
    return events(id).stream().filter(e -> type.isInstance(e.event())).toList();
  }

  public Batch awaitBatch(BatchId id, Predicate<Batch> condition) {
    await().atMost(Duration.ofSeconds(20)).until(() -> condition.test(batch(id)));
    return batch(id);
  }

  public Batch awaitFinished(BatchId id) {
    return awaitBatch(id, b -> b.status().isFinished() && b.counts().inFlight() == 0);
  }

  @Override
  public void close() {
    nodes.forEach(Spool::close);
  }
}
