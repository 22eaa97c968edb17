package dev.spool.adapter.llm;

import dev.spool.application.port.out.GenerationRequest;
import dev.spool.application.port.out.QuestionGenerator;
import dev.spool.domain.dispatch.BatchItemError;
import dev.spool.domain.question.GeneratedQuestion;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The default provider: nothing leaves the machine. It answers like a real provider would, slowly
 * and sometimes badly, as configured, and the same seed gives the same outcome for the same item
 * and attempt however threads interleave. Results are marked {@code provider: simulated}. With no
 * latency and no failures it costs almost nothing per item.
 */
public final class SimulatedQuestionGenerator implements QuestionGenerator {
  public static final String PROVIDER = "simulated";
  public static final String MODEL = "spool-sim-1";

  private final SimulatorSettings settings;

  public SimulatedQuestionGenerator(SimulatorSettings settings) {
    this.settings = settings;
  }

  @Override
  public GeneratedQuestion generate(GenerationRequest request) {
    SplittableRandom random = new SplittableRandom(seedFor(request));
    think(random);
    double roll = random.nextDouble();
    double limit = settings.failureRate();
    if (roll < limit) {
      throw BatchItemError.retryable(
          "PROVIDER_ERROR", "simulated provider error: HTTP 503 Service Unavailable");
    }
    limit += settings.rateLimitedRate();
    if (roll < limit) {
      Duration retryAfter = Duration.ofMillis(500 + random.nextInt(1_500));
      throw BatchItemError.rateLimited(
          "simulated provider: HTTP 429 Too Many Requests (retry"
              + " after "
              + retryAfter.toMillis()
              + " ms)",
          retryAfter);
    }
    limit += settings.timeoutRate();
    if (roll < limit) {
      sleep(settings.timeout());
      throw BatchItemError.retryable(
          "TIMEOUT",
          "simulated provider: no answer within " + settings.timeout().toMillis() + " ms");
    }
    limit += settings.invalidRate();
    if (roll < limit) {
      return QuestionTemplates.invalid(request);
    }
    return QuestionTemplates.question(request, random);
  }

  private long seedFor(GenerationRequest request) {
    long h = settings.seed();
    h = h * 31 + request.itemId().value().getMostSignificantBits();
    h = h * 31 + request.itemId().value().getLeastSignificantBits();
    h = h * 31 + request.round();
    return h * 31 + request.attempt();
  }

  private void think(SplittableRandom random) {
    long mean = settings.latency().toMillis();
    long spread = settings.jitter().toMillis();
    if (mean == 0 && spread == 0) {
      return;
    }
    long jitter = spread == 0 ? 0 : random.nextLong(-spread, spread + 1);
    sleep(Duration.ofMillis(Math.max(0, mean + jitter)));
  }

  private static void sleep(Duration duration) {
    if (duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BatchItemError.interrupted("simulated generation was interrupted");
    }
  }
}
