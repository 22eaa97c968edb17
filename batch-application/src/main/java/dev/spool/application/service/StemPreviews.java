package dev.spool.application.service;

import dev.spool.application.port.out.BatchItems;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.question.QuestionId;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The stem previews of the completed items among those listed: one query, none if none. */
final class StemPreviews {
  private StemPreviews() {}

  static Map<QuestionId, String> of(BatchItems items, BatchId batch, Collection<BatchItem> listed) {
    Set<QuestionId> questions =
        listed.stream().flatMap(item -> item.questionId().stream()).collect(Collectors.toSet());
    return questions.isEmpty() ? Map.of() : items.stemPreviews(batch, questions);
  }
}
