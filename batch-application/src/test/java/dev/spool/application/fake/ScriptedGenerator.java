package dev.spool.application.fake;

import dev.spool.application.port.out.GenerationRequest;
import dev.spool.application.port.out.QuestionGenerator;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.ItemId;
import dev.spool.domain.config.Difficulty;
import dev.spool.domain.config.ItemSpec;
import dev.spool.domain.config.QuestionType;
import dev.spool.domain.question.AnswerOption;
import dev.spool.domain.question.GeneratedQuestion;
import dev.spool.domain.question.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A generator for tests: it takes a set time, can be told to fail, and counts what it does: calls
 * per item, and the most calls of one batch in flight at once.
 */
public final class ScriptedGenerator implements QuestionGenerator {
  private final Map<ItemId, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<BatchId, AtomicInteger> running = new ConcurrentHashMap<>();
  private final Map<BatchId, AtomicInteger> mostRunning = new ConcurrentHashMap<>();
  private volatile Duration latency = Duration.ZERO;
  private volatile Function<GenerationRequest, RuntimeException> failure = r -> null;
  private volatile Function<GenerationRequest, GeneratedQuestion> answer =
      ScriptedGenerator::question;

  public ScriptedGenerator latency(Duration latency) {
    this.latency = latency;
    return this;
  }

  /** Decides per call whether it fails: return the error to throw, or null to succeed. */
  public ScriptedGenerator failWith(Function<GenerationRequest, RuntimeException> failure) {
    this.failure = failure;
    return this;
  }

  /** Decides per call what question comes back; valid ones by default. */
  public ScriptedGenerator answerWith(Function<GenerationRequest, GeneratedQuestion> answer) {
    this.answer = answer;
    return this;
  }

  @Override
  public GeneratedQuestion generate(GenerationRequest request) {
    calls.computeIfAbsent(request.itemId(), id -> new AtomicInteger()).incrementAndGet();
    int now =
        running.computeIfAbsent(request.batchId(), b -> new AtomicInteger()).incrementAndGet();
    mostRunning
        .computeIfAbsent(request.batchId(), b -> new AtomicInteger())
        .accumulateAndGet(now, Math::max);
    try {
      if (!latency.isZero()) {
        Thread.sleep(latency);
      }
      RuntimeException error = failure.apply(request);
      if (error != null) {
        throw error;
      }
      return answer.apply(request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("generation interrupted", e);
    } finally {
      running.get(request.batchId()).decrementAndGet();
    }
  }

  public int callsFor(ItemId item) {
    AtomicInteger count = calls.get(item);
    return count == null ? 0 : count.get();
  }

  public int totalCalls() {
    return calls.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  public Map<ItemId, Integer> callsPerItem() {
    return Map.copyOf(
        calls.entrySet().stream()
            .collect(
                java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get())));
  }

  /** The most generations of one batch that ran at the same time. */
  public int mostInFlight(BatchId batch) {
    AtomicInteger most = mostRunning.get(batch);
    return most == null ? 0 : most.get();
  }

  public static GeneratedQuestion question(GenerationRequest request) {
    Difficulty difficulty =
        request.spec() instanceof ItemSpec.Question q ? q.difficulty() : Difficulty.MEDIUM;
    return new GeneratedQuestion(
        QuestionType.SINGLE_BEST_ANSWER,
        difficulty,
        "A scripted test question for item "
            + request.itemId()
            + ": which of the following options is the single best answer?",
        List.of(
            new AnswerOption("A", "one"),
            new AnswerOption("B", "two"),
            new AnswerOption("C", "three"),
            new AnswerOption("D", "four")),
        "B",
        "Because two.",
        List.of(),
        "scripted",
        "test-model",
        new TokenUsage(100, 50));
  }
}
