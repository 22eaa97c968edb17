package dev.spool.bootstrap.http;

import java.util.UUID;

/** Request bodies the tests send. */
public final class Bodies {
  private Bodies() {}

  public static String generation(int count, int concurrency, int maxRetries) {
    return """
    {"courseId":"%s","name":"Cardiology set","targetCount":%d,
     "scope":{"sloIds":["%s"],"conceptIds":["%s"]},
     "questionType":"single_best_answer",
     "difficultyDistribution":{"easy":30,"medium":50,"hard":20},
     "concurrency":%d,"maxRetries":%d}
    """
        .formatted(
            UUID.randomUUID(),
            count,
            UUID.randomUUID(),
            UUID.randomUUID(),
            concurrency,
            maxRetries);
  }

  public static String generation(int count, int concurrency) {
    return generation(count, concurrency, 2);
  }
}
