/**
 * Webhooks: endpoints an owner registers, the outbox that turns committed batch events into
 * deliveries, and the deliverer that sends them, signed, at least once, from any node.
 *
 * <p>{@link dev.spool.application.webhook.WebhookRuntime} runs the outbox and the deliverer over a
 * {@link dev.spool.application.webhook.WebhookStore} and a {@link
 * dev.spool.application.webhook.WebhookSender}; {@link
 * dev.spool.application.webhook.ManageWebhooks} is what an API calls.
 */
package dev.spool.application.webhook;
