package dev.spool.adapter.persistence;

import dev.spool.application.port.out.ItemOutcome;
import dev.spool.domain.batch.ItemError;
import dev.spool.domain.batch.Settlement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Settlements turned into the parallel arrays one settling statement binds: each column is a value
 * the domain decided, which the statement writes as given. What follows from the target status
 * alone (the count change, whether the item's life ends) travels once per statement instead.
 */
final class OutcomeColumns {
  final List<UUID> ids = new ArrayList<>();
  final List<UUID> tokens = new ArrayList<>();
  final List<String> statuses = new ArrayList<>();
  final List<Integer> attemptsAdded = new ArrayList<>();
  final List<UUID> questionIds = new ArrayList<>();
  final List<String> errorCodes = new ArrayList<>();
  final List<String> errorMessages = new ArrayList<>();
  final List<Long> notBefores = new ArrayList<>();
  final List<Long> ats = new ArrayList<>();
  final List<Long> promptTokens = new ArrayList<>();
  final List<Long> completionTokens = new ArrayList<>();

  OutcomeColumns(List<ItemOutcome> outcomes) {
    outcomes.forEach(o -> add(o.settlement()));
  }

  private void add(Settlement s) {
    ids.add(s.itemId().value());
    tokens.add(s.lease().token());
    statuses.add(s.status().wireName());
    attemptsAdded.add(s.attemptsAdded());
    questionIds.add(s.question().map(q -> q.value()).orElse(null));
    errorCodes.add(s.error().map(ItemError::code).orElse(null));
    errorMessages.add(s.error().map(ItemError::message).orElse(null));
    notBefores.add(s.notBefore().map(Timestamps::micros).orElse(null));
    ats.add(Timestamps.micros(s.at()));
    promptTokens.add(s.tokens().promptTokens());
    completionTokens.add(s.tokens().completionTokens());
  }
}
