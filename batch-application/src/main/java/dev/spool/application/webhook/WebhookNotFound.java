package dev.spool.application.webhook;

import dev.spool.domain.SpoolException;

/**
 * No such endpoint, or delivery, for this caller. Another owner's endpoint is reported the same
 * way, so that its existence is not disclosed.
 */
public final class WebhookNotFound extends SpoolException {
  public WebhookNotFound(String what) {
    super("NOT_FOUND", what + " was not found");
  }
}
