package dev.spool.adapter.persistence;

import dev.spool.application.port.out.ItemOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Outcomes turned into the parallel arrays one settling statement binds. */
final class OutcomeColumns {
  final List<UUID> ids = new ArrayList<>();
  final List<UUID> tokens = new ArrayList<>();
  final List<String> kinds = new ArrayList<>();
  final List<String> statuses = new ArrayList<>();
  final List<UUID> questionIds = new ArrayList<>();
  final List<String> errorCodes = new ArrayList<>();
  final List<String> errorMessages = new ArrayList<>();
  final List<Long> notBefores = new ArrayList<>();
  final List<Long> ats = new ArrayList<>();
  final List<Long> promptTokens = new ArrayList<>();
  final List<Long> completionTokens = new ArrayList<>();

  OutcomeColumns(List<ItemOutcome> outcomes) {
    outcomes.forEach(this::add);
  }

  private void add(ItemOutcome outcome) {
    ids.add(outcome.lease().itemId().value());
    tokens.add(outcome.lease().token());
    ats.add(Timestamps.micros(outcome.at()));
    switch (outcome) {
      case ItemOutcome.Completed c -> {
        row("completed", "completed", c.questionId().value(), null, null, null);
        promptTokens.add(c.question().usage().promptTokens());
        completionTokens.add(c.question().usage().completionTokens());
        return;
      }
      case ItemOutcome.RetryLater r ->
          row(
              "retry",
              "pending",
              null,
              r.error().code(),
              r.error().message(),
              Timestamps.micros(r.notBefore()));
      case ItemOutcome.Failed f ->
          row("failed", "failed", null, f.error().code(), f.error().message(), null);
      case ItemOutcome.Cancelled c -> row("cancelled", "cancelled", null, null, null, null);
      case ItemOutcome.Released r -> row("released", "pending", null, null, null, null);
    }
    promptTokens.add(0L);
    completionTokens.add(0L);
  }

  private void row(
      String kind, String status, UUID question, String code, String message, Long notBefore) {
    kinds.add(kind);
    statuses.add(status);
    questionIds.add(question);
    errorCodes.add(code);
    errorMessages.add(message);
    notBefores.add(notBefore);
  }
}
