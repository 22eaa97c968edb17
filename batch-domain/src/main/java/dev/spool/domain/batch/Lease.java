package dev.spool.domain.batch;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A node's claim on one in-flight item. Outcomes are fenced by the token: a node whose lease was
 * taken away (it expired and the item was recovered) can no longer change the item.
 *
 * @param owner the node id holding the lease
 * @param token fresh for every claim
 */
public record Lease(ItemId itemId, String owner, UUID token, Instant expiresAt) {
  public Lease {
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  public boolean isExpiredAt(Instant now) {
    return !expiresAt.isAfter(now);
  }

  public Lease renewedUntil(Instant expiresAt) {
    return new Lease(itemId, owner, token, expiresAt);
  }
}
