package dev.spool.application.webhook;

import dev.spool.application.model.FeedPosition;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where endpoints, deliveries and the outbox's position are kept. Calls made inside {@link
 * dev.spool.application.port.out.Transactions#inTransaction} join that transaction.
 */
public interface WebhookStore {

  void create(WebhookEndpoint endpoint, String secret);

  Optional<WebhookEndpoint> find(EndpointId id);

  /** An owner's endpoints, oldest first. */
  List<WebhookEndpoint> list(UserId owner);

  /** Saves the endpoint's url, description, types and disabled state; false if it is gone. */
  boolean update(WebhookEndpoint endpoint);

  /** A new secret; the current one goes on signing too until {@code previousUntil}. */
  boolean rotate(EndpointId id, String secret, Instant previousUntil, Instant now);

  /** Deletes the endpoint and its deliveries; false if it was gone. */
  boolean delete(EndpointId id);

  /**
   * Locks the outbox's position for this transaction and returns it; empty if another node holds it
   * now (that node is moving the outbox).
   */
  Optional<FeedPosition> lockOutbox();

  /** Moves the locked outbox position. */
  void moveOutbox(FeedPosition to);

  /**
   * The endpoints of these owners that take new deliveries: the enabled ones, and those disabled
   * for failing, whose deliveries wait until they are enabled again. An endpoint its owner disabled
   * takes none.
   */
  List<WebhookEndpoint> receivingEndpoints(Collection<UserId> owners);

  /** Adds deliveries; one that exists already (same endpoint and event) is left as it is. */
  int enqueue(List<NewDelivery> deliveries);

  /**
   * Claims up to {@code limit} deliveries due at {@code now} whose endpoints are enabled, and holds
   * each until {@code leaseUntil}: no other claim gets it before then, and a claim after then (its
   * holder died) takes it over, with a new lease token that fences the old holder's result out.
   */
  List<DueDelivery> claim(Instant now, Instant leaseUntil, int limit);

  /**
   * Records an attempt of a claimed delivery, if its lease is still the one claimed: the attempt
   * into the log, the delivery's new state, and the endpoint's health.
   *
   * @return false if another claim took the delivery over (nothing is written)
   */
  boolean record(DueDelivery delivery, Delivery.Attempt attempt, Outcome outcome);

  /** The endpoint's latest deliveries, newest first, with their attempts. */
  List<Delivery> deliveries(EndpointId endpoint, int limit);

  /**
   * Makes a delivery of this endpoint due now, with its retries counted from now; false if there is
   * no such delivery.
   */
  boolean redeliver(EndpointId endpoint, UUID delivery, Instant now, Instant retryUntil);

  /** A delivery to add. */
  record NewDelivery(
      UUID id,
      EndpointId endpoint,
      String eventId,
      String eventType,
      BatchId batch,
      String payload,
      Instant createdAt,
      Instant retryUntil) {}

  /**
   * A claimed delivery with what sending it needs.
   *
   * @param secrets the endpoint's signing secrets: its current one first, then one being rotated
   *     out
   */
  record DueDelivery(
      UUID id,
      EndpointId endpoint,
      java.net.URI url,
      List<String> secrets,
      String eventId,
      String payload,
      int attempt,
      long leaseToken,
      Instant retryUntil) {
    @Override
    public String toString() {
      // the secrets stay out of logs
      return "DueDelivery[" + id + " to " + endpoint + ", attempt " + attempt + "]";
    }
  }

  /** What an attempt leaves the delivery and its endpoint. */
  sealed interface Outcome {
    /** Delivered; the endpoint is healthy again. */
    record Delivered(Instant at) implements Outcome {}

    /**
     * Failed; tried again at {@code next}. The endpoint's failing streak starts at {@code now} if
     * it had none, and if it began at or before {@code disableIfFailingSince} the endpoint is
     * disabled.
     */
    record Retry(Instant now, Instant next, Instant disableIfFailingSince) implements Outcome {}

    /** Failed for the last time; the endpoint's streak is kept as for a retry. */
    record GaveUp(Instant now, Instant disableIfFailingSince) implements Outcome {}
  }
}
