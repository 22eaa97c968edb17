package dev.spool.application.webhook;

import dev.spool.application.model.CommittedEvent;
import dev.spool.application.model.FeedPosition;
import dev.spool.application.port.out.BatchEventLog;
import dev.spool.application.port.out.Transactions;
import dev.spool.domain.batch.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns committed batch events into deliveries. It reads the event log in commit order after its
 * stored position and, in the same transaction, adds a delivery per event and subscribed endpoint
 * and moves the position: so each event that committed becomes its deliveries exactly once, and an
 * event whose transaction rolled back was never in the log to read. One node at a time holds the
 * position; the others skip their turn.
 */
final class WebhookOutbox {
  static final int READ_LIMIT = 500;

  private final WebhookStore store;
  private final BatchEventLog events;
  private final Transactions tx;
  private final Clock clock;
  private final WebhookSettings settings;
  private final Supplier<UUID> ids;

  WebhookOutbox(
      WebhookStore store,
      BatchEventLog events,
      Transactions tx,
      Clock clock,
      WebhookSettings settings,
      Supplier<UUID> ids) {
    this.store = store;
    this.events = events;
    this.tx = tx;
    this.clock = clock;
    this.settings = settings;
    this.ids = ids;
  }

  /** What one turn did. */
  record Moved(int events, int deliveries) {
    static final Moved NOTHING = new Moved(0, 0);
  }

  /** Reads the next events after the position, if this node can hold it now. */
  Moved move() {
    return tx.inTransaction(() -> {
      Optional<FeedPosition> position = store.lockOutbox();
      if (position.isEmpty()) {
        return Moved.NOTHING;
      }
      List<CommittedEvent> committed =
          events.committedAfter(position.get(), Optional.empty(), READ_LIMIT);
      if (committed.isEmpty()) {
        return Moved.NOTHING;
      }
      Set<UserId> owners =
          committed.stream().map(CommittedEvent::owner).collect(Collectors.toSet());
      Map<UserId, List<WebhookEndpoint>> endpoints = new HashMap<>();
      for (WebhookEndpoint endpoint : store.receivingEndpoints(owners)) {
        endpoints.computeIfAbsent(endpoint.owner(), o -> new ArrayList<>()).add(endpoint);
      }
      Instant now = clock.instant();
      List<WebhookStore.NewDelivery> deliveries = new ArrayList<>();
      for (CommittedEvent event : committed) {
        Optional<String> type = WebhookEventTypes.of(event.event());
        if (type.isEmpty()) {
          continue;
        }
        String body = body(type.get(), event);
        for (WebhookEndpoint endpoint : endpoints.getOrDefault(event.owner(), List.of())) {
          if (endpoint.eventTypes().contains(type.get())) {
            deliveries.add(
                new WebhookStore.NewDelivery(
                    ids.get(),
                    endpoint.id(),
                    eventId(event),
                    type.get(),
                    event.event().batchId(),
                    body,
                    now,
                    now.plus(settings.retryFor())));
          }
        }
      }
      int added = deliveries.isEmpty() ? 0 : store.enqueue(deliveries);
      store.moveOutbox(committed.getLast().position());
      return new Moved(committed.size(), added);
    });
  }

  /** The {@code webhook-id}: the event's log sequence, unique across batches. */
  static String eventId(CommittedEvent event) {
    return "evt_" + event.event().sequence();
  }

  /**
   * The body, in the Standard Webhooks shape: {@code type}, {@code timestamp} (when the event
   * happened) and {@code data}, the event as the stream sends it with its batch's id.
   */
  static String body(String type, CommittedEvent event) {
    return "{\"type\":\""
        + type
        + "\",\"timestamp\":\""
        + event.event().event().at()
        + "\",\"data\":"
        + event.jsonWithBatchId()
        + "}";
  }
}
