package dev.spool.application.webhook;

import dev.spool.application.loop.BackgroundLoop;
import dev.spool.application.port.out.BatchEventLog;
import dev.spool.application.port.out.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhooks on one node: the outbox that turns committed events into deliveries, the deliverer that
 * sends them, and the use cases. Every node may run one; they share the work through the store.
 *
 * <pre>{@code
 * WebhookRuntime webhooks =
 *     WebhookRuntime.start(store, sender, events, transactions, clock, WebhookSettings.DEFAULTS, ids);
 * webhooks.manage().register(actor, new ManageWebhooks.Draft(url, Set.of("batch.complete"), ""));
 * }</pre>
 */
public final class WebhookRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookRuntime.class);

  private final WebhookService service;
  private final WebhookDeliverer deliverer;
  private final BackgroundLoop outboxLoop;
  private final BackgroundLoop deliveryLoop;

  private WebhookRuntime(
      WebhookStore store,
      WebhookSender sender,
      BatchEventLog events,
      Transactions tx,
      Clock clock,
      WebhookSettings settings,
      Supplier<UUID> ids) {
    WebhookOutbox outbox = new WebhookOutbox(store, events, tx, clock, settings, ids);
    BackgroundLoop[] delivery = new BackgroundLoop[1];
    this.deliverer =
        new WebhookDeliverer(
            store, sender, tx, clock, settings, new Random(), () -> delivery[0].wake());
    this.deliveryLoop =
        new BackgroundLoop(
            "spool-webhook-delivery", LOG, "delivering webhooks", deliverer::claimAndSend);
    delivery[0] = deliveryLoop;
    this.outboxLoop =
        new BackgroundLoop(
            "spool-webhook-outbox",
            LOG,
            "reading events for webhooks",
            () -> {
              WebhookOutbox.Moved moved = outbox.move();
              if (moved.deliveries() > 0) {
                deliveryLoop.wake();
              }
              return moved.events() == WebhookOutbox.READ_LIMIT ? Duration.ZERO : settings.poll();
            });
    this.service = new WebhookService(store, sender, tx, clock, settings, ids, deliveryLoop::wake);
  }

  /** Starts the outbox and the deliverer on this node. */
  public static WebhookRuntime start(
      WebhookStore store,
      WebhookSender sender,
      BatchEventLog events,
      Transactions tx,
      Clock clock,
      WebhookSettings settings,
      Supplier<UUID> ids) {
    WebhookRuntime runtime =
        new WebhookRuntime(
            Objects.requireNonNull(store, "store"),
            Objects.requireNonNull(sender, "sender"),
            Objects.requireNonNull(events, "events"),
            Objects.requireNonNull(tx, "tx"),
            Objects.requireNonNull(clock, "clock"),
            Objects.requireNonNull(settings, "settings"),
            Objects.requireNonNull(ids, "ids"));
    runtime.outboxLoop.start();
    runtime.deliveryLoop.start();
    return runtime;
  }

  public ManageWebhooks manage() {
    return service;
  }

  /**
   * Stops looking for work and abandons the sends under way: their leases run out and another node
   * (or this one, restarted) sends them again.
   */
  @Override
  public void close() {
    try {
      outboxLoop.stop(Duration.ofSeconds(2));
      deliveryLoop.stop(Duration.ofSeconds(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deliverer.close();
  }
}
