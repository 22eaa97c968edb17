package dev.spool.application.port.in;

import dev.spool.application.model.StoredQuestion;
import dev.spool.domain.question.QuestionId;

/** Reads a generated question; only the owner of its batch may. */
public interface GetQuestion {

  /**
   * @throws QuestionNotFound for an unknown id
   * @throws dev.spool.domain.batch.NotBatchOwner for a question of another user's batch
   */
  StoredQuestion get(Actor actor, QuestionId question);
}
