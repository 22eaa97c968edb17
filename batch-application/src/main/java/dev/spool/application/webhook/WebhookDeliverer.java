package dev.spool.application.webhook;

import dev.spool.application.port.out.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due deliveries and sends each on a virtual thread, at most the settings' concurrency at
 * once on this node. A claim holds a delivery for its timeout and a margin, so a node that dies
 * mid-send loses it to the next claim after that; the lease token fences its late result out. The
 * receiver may so see an event twice, and dedupes by {@code webhook-id}.
 */
final class WebhookDeliverer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliverer.class);

  /** Beyond the timeout, how long a claim holds a delivery: time to record the attempt. */
  static final Duration LEASE_MARGIN = Duration.ofSeconds(5);

  private final WebhookStore store;
  private final WebhookSender sender;
  private final Transactions tx;
  private final Clock clock;
  private final WebhookSettings settings;
  private final RandomGenerator random;
  private final Semaphore free;
  private final ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor();
  private final Runnable finished;

  WebhookDeliverer(
      WebhookStore store,
      WebhookSender sender,
      Transactions tx,
      Clock clock,
      WebhookSettings settings,
      RandomGenerator random,
      Runnable finished) {
    this.store = store;
    this.sender = sender;
    this.tx = tx;
    this.clock = clock;
    this.settings = settings;
    this.random = random;
    this.free = new Semaphore(settings.concurrency());
    this.finished = finished;
  }

  /**
   * Claims what is due and this node has room for; returns how long to wait before looking again.
   */
  Duration claimAndSend() {
    int room = free.availablePermits();
    if (room == 0) {
      return settings.poll();
    }
    Instant now = clock.instant();
    List<WebhookStore.DueDelivery> due =
        store.claim(now, now.plus(settings.timeout()).plus(LEASE_MARGIN), room);
    for (WebhookStore.DueDelivery delivery : due) {
      free.acquireUninterruptibly();
      sends.execute(() -> {
        try {
          attempt(delivery);
        } catch (RuntimeException e) {
          // the lease runs out and another claim sends it again
          LOG.warn("recording webhook {} failed; it will be sent again", delivery, e);
        } finally {
          free.release();
          finished.run();
        }
      });
    }
    return due.size() == room ? Duration.ZERO : settings.poll();
  }

  private void attempt(WebhookStore.DueDelivery delivery) {
    Instant at = clock.instant();
    WebhookSender.Result result =
        sender.send(
            new WebhookSender.Outgoing(
                delivery.url(), delivery.eventId(), at, delivery.payload(), delivery.secrets()));
    Delivery.Attempt attempt =
        new Delivery.Attempt(
            delivery.attempt(),
            at,
            result.durationMillis(),
            result.statusCode(),
            result.error(),
            result.responsePrefix());
    Instant now = clock.instant();
    Instant disableIfSince = now.minus(settings.disableAfter());
    WebhookStore.Outcome outcome;
    if (result.delivered()) {
      outcome = new WebhookStore.Outcome.Delivered(now);
    } else if (now.isBefore(delivery.retryUntil())) {
      Duration wait = settings.backoff().delay(delivery.attempt(), Optional.empty(), random);
      outcome = new WebhookStore.Outcome.Retry(now, now.plus(wait), disableIfSince);
    } else {
      outcome = new WebhookStore.Outcome.GaveUp(now, disableIfSince);
    }
    boolean kept = tx.inTransaction(() -> store.record(delivery, attempt, outcome));
    if (!kept) {
      LOG.info("webhook {} was taken over by another claim; its result is dropped", delivery);
    }
  }

  @Override
  public void close() {
    sends.shutdownNow();
  }
}
