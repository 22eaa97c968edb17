package dev.spool.adapter.http;

import dev.spool.application.model.FeedPosition;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.FollowBatches;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/generation/events}: every status change and completion of the caller's batches
 * as they commit, on any node, each with its feed position as {@code id:}; and their progress, at
 * most once a second per batch, without an id (a snapshot is not replayed; the next says as much).
 * It opens with {@code ready}, whose id is where the feed starts, so a client that reconnects
 * before any event came still resumes from there with {@code Last-Event-ID}.
 */
final class FeedStream {
  /**
   * The longest the feed waits between looks: it wakes at once when a status change or completion
   * commits anywhere, and for progress once a second; this bounds how long a missed wake-up (an
   * older transaction still open when the notice came) or a shutdown goes unnoticed.
   */
  static final Duration LOOK_AT_LEAST_EVERY = Duration.ofSeconds(1);

  private final FollowBatches follow;
  private final HttpSettings settings;
  private final OpenStreams open;

  FeedStream(FollowBatches follow, HttpSettings settings, OpenStreams open) {
    this.follow = follow;
    this.settings = settings;
    this.open = open;
  }

  void stream(io.javalin.http.Context ctx, Actor actor) throws Exception {
    Optional<FeedPosition> after = lastEventId(ctx);
    FollowBatches.Feed feed = follow.follow(actor, after);
    Subscriber stop = new Subscriber(1);
    try (AutoCloseable registration = open.open(stop)) {
      SseWriter writer = new SseWriter(ProgressStream.start(ctx));
      writer.retry(settings.reconnectDelay().toMillis());
      writer.event(feed.position().toString(), "ready", "{}");
      writer.flush();
      long quietSince = System.nanoTime();
      while (true) {
        List<FollowBatches.FeedEvent> events = feed.next();
        for (FollowBatches.FeedEvent event : events) {
          writer.event(
              event.position().map(FeedPosition::toString).orElse(null),
              event.type(),
              event.json());
        }
        if (!events.isEmpty()) {
          writer.flush();
          quietSince = System.nanoTime();
        } else if (System.nanoTime() - quietSince >= settings.heartbeat().toNanos()) {
          writer.event((String) null, "heartbeat", "{}");
          writer.flush();
          quietSince = System.nanoTime();
        }
        feed.awaitNext(LOOK_AT_LEAST_EVERY);
        if (stop.next(Duration.ZERO) == null) {
          return;
        }
      }
    } catch (IOException clientGone) {
      // the client disconnected; it resumes with Last-Event-ID when it comes back
    }
  }

  private static Optional<FeedPosition> lastEventId(io.javalin.http.Context ctx) {
    var values = Collections.list(ctx.req().getHeaders("Last-Event-ID"));
    if (values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw ApiError.malformed("Last-Event-ID", "send Last-Event-ID once");
    }
    try {
      return Optional.of(FeedPosition.parse(values.getFirst().trim()));
    } catch (IllegalArgumentException e) {
      throw ApiError.malformed(
          "Last-Event-ID", "Last-Event-ID must be an event id from this feed, such as 1234-56");
    }
  }
}
