package dev.spool.adapter.persistence;

import dev.spool.application.port.out.RateLimiter;
import dev.spool.domain.ratelimit.Acquisition;
import dev.spool.domain.ratelimit.TokenBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A rate limiter every node shares: its token buckets are rows, read and written under a row lock
 * by the database clock, so all nodes draw from one provider budget. The arithmetic is the domain's
 * {@link TokenBucket}.
 */
final class JdbiRateLimiter implements RateLimiter {
  private static final String UPSERT =
      """
      INSERT INTO rate_limit_buckets (name, capacity, refill_per_second, available, updated_at)
      VALUES (:name, :capacity, :rate, :capacity, clock_timestamp())
      ON CONFLICT (name) DO UPDATE SET capacity = excluded.capacity,
          refill_per_second = excluded.refill_per_second,
          available = least(rate_limit_buckets.available, excluded.capacity)\
      """;

  private final Jdbi jdbi;
  private final String requests;
  private final Optional<String> tokens;
  private final Duration lease;

  /**
   * @param name the budget's name; nodes with the same name share it
   */
  JdbiRateLimiter(Jdbi jdbi, String name, int requestsPerSecond, Optional<Long> tokensPerMinute) {
    this.jdbi = jdbi;
    this.requests = name + ":requests";
    this.tokens = tokensPerMinute.map(t -> name + ":tokens");
    TokenBucket requestBucket = TokenBucket.windowLimited(requestsPerSecond, Instant.EPOCH);
    this.lease = TokenBucket.lease(requestsPerSecond);
    useHandle(h -> {
      define(h, requests, requestBucket.capacity(), requestBucket.refillPerSecond());
      tokensPerMinute.ifPresent(tpm -> define(h, tokens.orElseThrow(), tpm, tpm / 60.0));
    });
  }

  private static void define(Handle h, String name, double capacity, double rate) {
    h.createUpdate(UPSERT)
        .bind("name", name)
        .bind("capacity", capacity)
        .bind("rate", rate)
        .execute();
  }

  @Override
  public Permits acquire(int wanted, long estimatedTokens) {
    return inTransaction(h -> {
      relaxedCommit(h);
      // Locks first, clock second: a wait for another node's lock is not time the bucket has
      // refilled in, and the grant happens now, not when this transaction began to wait. Counted
      // from before the wait, calls would start that much later than their grant, and a window of
      // call starts could hold more than the limit.
      TokenBucket requestBucket = load(h, requests);
      Optional<TokenBucket> tokenBucket =
          tokens.filter(name -> estimatedTokens > 0).map(name -> load(h, name));
      Instant now = now(h);
      Optional<Instant> held = heldUntil(h);
      if (held.isPresent() && now.isBefore(held.get())) {
        return Permits.none(Duration.between(now, held.get()));
      }
      int allowed = wanted;
      if (tokenBucket.isPresent()) {
        Acquisition byTokens = tokenBucket.get().acquireUpTo(wanted, estimatedTokens, now);
        store(h, tokens.orElseThrow(), byTokens.bucket());
        if (byTokens instanceof Acquisition.Denied denied) {
          return Permits.none(denied.retryIn());
        }
        allowed = ((Acquisition.Granted) byTokens).permits();
      }
      Acquisition byRequests = requestBucket.acquireUpTo(allowed, 1, now);
      store(h, requests, byRequests.bucket());
      int granted = byRequests instanceof Acquisition.Granted g ? g.permits() : 0;
      refundTokens(h, allowed - granted, estimatedTokens);
      return byRequests instanceof Acquisition.Denied denied
          ? Permits.none(denied.retryIn())
          : Permits.granted(granted);
    });
  }

  @Override
  public Duration lease() {
    return lease;
  }

  @Override
  public void refund(int permits, long estimatedTokens) {
    if (permits <= 0) {
      return;
    }
    useTransaction(h -> {
      relaxedCommit(h);
      store(h, requests, load(h, requests).refund(permits));
      refundTokens(h, permits, estimatedTokens);
    });
  }

  @Override
  public void reconcile(long estimatedTokens, long actualTokens) {
    if (tokens.isEmpty() || estimatedTokens == actualTokens) {
      return;
    }
    String name = tokens.get();
    useTransaction(h -> {
      relaxedCommit(h);
      long difference = actualTokens - estimatedTokens;
      TokenBucket bucket = load(h, name);
      store(
          h, name, difference > 0 ? bucket.debit(difference, now(h)) : bucket.refund(-difference));
    });
  }

  @Override
  public void holdOff(Duration wait) {
    useHandle(h ->
        h.createUpdate(
                """
                UPDATE rate_limit_buckets
                SET held_until = greatest(held_until,
                    clock_timestamp() + :millis * interval '1 millisecond')
                WHERE name = :name\
                """)
            .bind("millis", wait.toMillis())
            .bind("name", requests)
            .execute());
  }

  /**
   * A bucket's state need not survive a database crash, and waiting for its commit to reach the
   * disk would put an fsync, whose time varies by tens of milliseconds on a busy disk, between a
   * permit's grant and the call it admits: calls would start unevenly late, and a window of call
   * starts could hold more than the limit. Visibility and row locks are unchanged. A database crash
   * may lose the last few grants' bookkeeping (at most the WAL writer's few hundred milliseconds),
   * so right after a crash a few more calls than the limit may go out; every other table stays
   * fully durable.
   */
  private static void relaxedCommit(Handle h) {
    h.execute("SET LOCAL synchronous_commit = off");
  }

  private Optional<Instant> heldUntil(Handle h) {
    return h.createQuery("SELECT held_until FROM rate_limit_buckets WHERE name = :name")
        .bind("name", requests)
        .map((rs, ctx) -> Rows.optionalInstant(rs, "held_until"))
        .one();
  }

  private void refundTokens(Handle h, int permits, long estimatedTokens) {
    if (tokens.isPresent() && permits > 0 && estimatedTokens > 0) {
      store(h, tokens.get(), load(h, tokens.get()).refund((double) permits * estimatedTokens));
    }
  }

  private static Instant now(Handle h) {
    return h.createQuery("SELECT clock_timestamp()").mapTo(Instant.class).one();
  }

  private static TokenBucket load(Handle h, String name) {
    return h.createQuery(
            """
            SELECT capacity, refill_per_second, available, updated_at FROM rate_limit_buckets
            WHERE name = :name FOR UPDATE\
            """)
        .bind("name", name)
        .map((rs, ctx) ->
            new TokenBucket(
                rs.getDouble("capacity"),
                rs.getDouble("refill_per_second"),
                rs.getDouble("available"),
                Rows.instant(rs, "updated_at")))
        .one();
  }

  private static void store(Handle h, String name, TokenBucket bucket) {
    h.createUpdate(
            """
            UPDATE rate_limit_buckets SET available = :available, updated_at = :updatedAt
            WHERE name = :name\
            """)
        .bind("available", bucket.available())
        .bind("updatedAt", Rows.timestamp(bucket.updatedAt()))
        .bind("name", name)
        .execute();
  }

  // a database that is away surfaces as StoreUnavailable, as from every other store port

  private <T> T inTransaction(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
    try {
      return jdbi.inTransaction(work);
    } catch (RuntimeException e) {
      throw DatabaseFailures.translate(e);
    }
  }

  private void useTransaction(org.jdbi.v3.core.HandleConsumer<RuntimeException> work) {
    try {
      jdbi.useTransaction(work);
    } catch (RuntimeException e) {
      throw DatabaseFailures.translate(e);
    }
  }

  private void useHandle(org.jdbi.v3.core.HandleConsumer<RuntimeException> work) {
    try {
      jdbi.useHandle(work);
    } catch (RuntimeException e) {
      throw DatabaseFailures.translate(e);
    }
  }
}
