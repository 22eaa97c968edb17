package dev.spool.application.service;

import dev.spool.application.model.StoredQuestion;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.GetQuestion;
import dev.spool.application.port.in.QuestionNotFound;
import dev.spool.application.port.out.BatchItems;
import dev.spool.application.port.out.BatchStore;
import dev.spool.domain.question.QuestionId;

/** Reads a generated question for the owner of its batch. */
public final class GetQuestionService implements GetQuestion {
  private final OwnedBatches owned;
  private final BatchItems items;

  GetQuestionService(BatchStore store, BatchItems items) {
    this.owned = new OwnedBatches(store);
    this.items = items;
  }

  @Override
  public StoredQuestion get(Actor actor, QuestionId id) {
    StoredQuestion question = items.question(id).orElseThrow(() -> new QuestionNotFound(id));
    owned.read(actor, question.batchId());
    return question;
  }
}
