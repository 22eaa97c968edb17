package dev.spool.application.port.in;

import dev.spool.domain.SpoolException;
import dev.spool.domain.question.QuestionId;

/** No question has this id. */
public final class QuestionNotFound extends SpoolException {
  public static final String CODE = "NOT_FOUND";

  public QuestionNotFound(QuestionId id) {
    super(CODE, "question " + id + " does not exist");
  }
}
