package dev.spool.bootstrap;

import dev.spool.application.webhook.WebhookSettings;
import dev.spool.domain.dispatch.Backoff;
import java.time.Duration;
import java.util.Map;

/**
 * Webhook delivery from the environment. Unset, a delivery is retried for a day with backoff from 5
 * s to an hour, an endpoint that fails for a day is disabled, each attempt has 10 s, and only
 * public addresses may receive webhooks.
 *
 * @param allowPrivate {@code SPOOL_WEBHOOK_ALLOW_PRIVATE}: let loopback, link-local and private
 *     addresses receive webhooks (tests, on-premises receivers)
 */
record WebhookConfig(WebhookSettings settings, boolean allowPrivate) {
  private static final long WEEK_SECONDS = 7 * 24 * 3_600;

  /**
   * Reads {@code SPOOL_WEBHOOK_ALLOW_PRIVATE}, {@code _TIMEOUT_SECONDS}, {@code _RETRY_SECONDS}
   * (how long a delivery is retried), {@code _DISABLE_AFTER_SECONDS} (how long an endpoint may fail
   * before it is disabled), {@code _BACKOFF_BASE_MILLIS} and {@code _BACKOFF_MAX_SECONDS}.
   *
   * @throws ConfigurationError naming the first variable that is wrong
   */
  static WebhookConfig fromEnvironment(Map<String, String> environment) {
    Env env = new Env(environment);
    WebhookSettings d = WebhookSettings.DEFAULTS;
    Duration timeout =
        Duration.ofSeconds(
            env.whole("SPOOL_WEBHOOK_TIMEOUT_SECONDS", 1, 60, d.timeout().toSeconds()));
    Duration retryFor =
        Duration.ofSeconds(
            env.whole("SPOOL_WEBHOOK_RETRY_SECONDS", 1, WEEK_SECONDS, d.retryFor().toSeconds()));
    Duration disableAfter =
        Duration.ofSeconds(
            env.whole(
                "SPOOL_WEBHOOK_DISABLE_AFTER_SECONDS",
                1,
                WEEK_SECONDS,
                d.disableAfter().toSeconds()));
    Duration base =
        Duration.ofMillis(
            env.whole(
                "SPOOL_WEBHOOK_BACKOFF_BASE_MILLIS", 1, 3_600_000, d.backoff().base().toMillis()));
    Duration cap =
        Duration.ofSeconds(
            env.whole(
                "SPOOL_WEBHOOK_BACKOFF_MAX_SECONDS", 1, 86_400, d.backoff().cap().toSeconds()));
    if (cap.compareTo(base) < 0) {
      throw new ConfigurationError(
          "SPOOL_WEBHOOK_BACKOFF_MAX_SECONDS",
          "must be at least SPOOL_WEBHOOK_BACKOFF_BASE_MILLIS");
    }
    return new WebhookConfig(
        d.withRetries(retryFor, disableAfter, new Backoff(base, cap)).withTimeout(timeout),
        env.bool("SPOOL_WEBHOOK_ALLOW_PRIVATE", false));
  }
}
