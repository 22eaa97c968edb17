package dev.spool.adapter.http;

import dev.spool.application.model.StoredEvent;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.WatchBatch;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.event.BatchProgressed;
import dev.spool.domain.event.EventJson;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;

/**
 * {@code GET .../progress}: a {@code batch.progress} snapshot, then every event of the batch as it
 * commits on any node, each with its log sequence as {@code id:}. A client that reconnects with
 * {@code Last-Event-ID} gets exactly the events after it, across retry rounds. Heartbeats keep idle
 * connections open. When the stream ends is {@link StreamEnd}'s rule: after the batch's last
 * finish, and at once, with that finish sent again, for a batch that was over when it opened. A
 * finished batch that is deleted ends it too (seen at the next heartbeat: a deletion leaves no
 * event).
 */
final class ProgressStream {
  private static final int SHARED_FRAMES = 8_192;

  private final WatchBatch watches;
  private final HttpSettings settings;
  private final OpenStreams open;
  private final Clock clock;
  private final EventFrames frames;

  ProgressStream(WatchBatch watches, HttpSettings settings, OpenStreams open, Clock clock) {
    this.watches = watches;
    this.settings = settings;
    this.open = open;
    this.clock = clock;
    this.frames = new EventFrames(SHARED_FRAMES);
  }

  void stream(Context ctx, Actor actor, BatchId batch) throws Exception {
    OptionalLong resumeAfter = lastEventId(ctx);
    Subscriber subscriber = new Subscriber(settings.subscriberBuffer());
    try (WatchBatch.Watch watch = watches.watch(actor, batch, resumeAfter, subscriber::offer);
        AutoCloseable registration = open.open(subscriber)) {
      SseWriter writer = new SseWriter(start(ctx));
      StreamEnd end = StreamEnd.from(watch);
      writer.retry(settings.reconnectDelay().toMillis());
      if (resumeAfter.isEmpty()) {
        var snapshot = watch.snapshot();
        writer.event(
            watch.afterSequence(),
            BatchProgressed.TYPE,
            EventJson.snapshot(snapshot.progress(), snapshot.batch().status(), clock.instant()));
      }
      if (end.finalEvent().isPresent()
          && (resumeAfter.isEmpty() || end.nothingLeftAfter(resumeAfter.getAsLong()))) {
        writer.frame(frames.of(end.finalEvent().get()));
        writer.flush();
        return;
      }
      pump(subscriber, writer, end, watch);
    } catch (IOException clientGone) {
      // the client disconnected; it resumes with Last-Event-ID when it comes back
    }
  }

  /** Writes events as they come, each burst with one flush, until the stream ends. */
  private void pump(Subscriber subscriber, SseWriter writer, StreamEnd end, WatchBatch.Watch watch)
      throws IOException, InterruptedException {
    writer.flush();
    while (true) {
      Optional<StoredEvent> next = subscriber.next(settings.heartbeat());
      if (next == null) {
        return;
      }
      if (next.isEmpty()) {
        if (end.finished() && !watch.batchExists().getAsBoolean()) {
          return;
        }
        writer.event((Long) null, "heartbeat", "{}");
        writer.flush();
        continue;
      }
      boolean ended = false;
      while (next != null && next.isPresent() && !ended) {
        StoredEvent event = next.get();
        writer.frame(frames.of(event));
        ended = end.after(event);
        next = ended ? null : subscriber.next(Duration.ZERO);
      }
      writer.flush();
      if (ended || next == null) {
        return;
      }
    }
  }

  static java.io.OutputStream start(Context ctx) throws IOException {
    HttpServletResponse res = ctx.res();
    res.setStatus(200);
    res.setContentType("text/event-stream");
    res.setCharacterEncoding("UTF-8");
    res.setHeader("Cache-Control", "no-cache");
    keepAlive(ctx);
    res.setHeader("X-Accel-Buffering", "no");
    var out = res.getOutputStream();
    res.flushBuffer();
    return out;
  }

  /**
   * Sends {@code Connection: keep-alive}, which clients of seed 002's stream expect. Jetty drops
   * that header from HTTP/1.1 responses, where persistence is the default, when it recognises it; a
   * field it does not recognise as its own is written as given.
   */
  private static void keepAlive(Context ctx) {
    ServletContextRequest.getServletContextRequest(ctx.req())
        .getServletContextResponse()
        .getHeaders()
        .add(new HttpField((HttpHeader) null, "Connection", "keep-alive"));
  }

  private static OptionalLong lastEventId(Context ctx) {
    var values = java.util.Collections.list(ctx.req().getHeaders("Last-Event-ID"));
    if (values.isEmpty()) {
      return OptionalLong.empty();
    }
    if (values.size() > 1) {
      throw ApiError.malformed("Last-Event-ID", "send Last-Event-ID once");
    }
    try {
      long id = Long.parseLong(values.getFirst().trim());
      if (id < 0) {
        throw new NumberFormatException();
      }
      return OptionalLong.of(id);
    } catch (NumberFormatException e) {
      throw ApiError.malformed(
          "Last-Event-ID", "Last-Event-ID must be an event id from the stream");
    }
  }
}
