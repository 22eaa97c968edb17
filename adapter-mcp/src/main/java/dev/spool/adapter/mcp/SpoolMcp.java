package dev.spool.adapter.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.application.catalogue.Catalogue;
import dev.spool.application.catalogue.CourseCatalogue;
import dev.spool.application.port.in.Actor;
import dev.spool.application.port.in.FollowBatches;
import dev.spool.application.port.in.UseCases;
import dev.spool.domain.SpoolException;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.UserId;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.ResourcesUpdatedNotification;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import jakarta.servlet.http.HttpServlet;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spool's MCP server, built on the official Java SDK: the tools of {@link SpoolTools}, each batch
 * as the resource {@code spool://batches/{batchId}} with subscriptions, and {@link McpServlet}'s
 * bearer tokens in front. Mount {@link #servlet()} at {@code /mcp} and {@code
 * /.well-known/oauth-protected-resource/*} of the HTTP server.
 *
 * <p>Subscribers hear of a batch's changes from the owner feed ({@link FollowBatches}) of each
 * owner that used this node's MCP server in the last {@link #FORGET_AFTER}: status changes at once,
 * progress at most once a second per batch.
 */
public final class SpoolMcp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolMcp.class);
  static final String BATCH_URI = "spool://batches/";
  static final Duration FORGET_AFTER = Duration.ofMinutes(15);
  private static final Duration LOOK_EVERY = Duration.ofMillis(500);

  private final McpSyncServer server;
  private final SessionSweeper sweeper = new SessionSweeper();
  private final McpServlet servlet;
  private final UseCases useCases;
  private final Map<UserId, Followed> followed = new ConcurrentHashMap<>();
  private final Thread watcher;
  private volatile boolean running = true;

  private SpoolMcp(
      UseCases useCases,
      Catalogue catalogue,
      Function<String, Actor> verifier,
      Optional<String> issuer) {
    this.useCases = useCases;
    ObjectMapper json = new ObjectMapper();
    HttpServletStreamableServerTransportProvider transport =
        sweeper.build(() ->
            HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp")
                .jsonMapper(new JacksonMcpJsonMapper(json))
                .keepAliveInterval(Duration.ofSeconds(25))
                .contextExtractor(req -> {
                  Object caller = req.getAttribute(McpServlet.CALLER);
                  return caller == null
                      ? McpTransportContext.EMPTY
                      : McpTransportContext.create(Map.of(McpServlet.CALLER, caller));
                })
                .build());
    SpoolTools tools = new SpoolTools(useCases, catalogue, json, this::seen);
    this.server =
        McpServer.sync(transport)
            .serverInfo("spool", "0.1.0")
            .instructions(
                "Spool generates exam questions in batches. create_batch makes a batch that waits"
                    + " for its owner's approval on its page (pageUrl) before anything runs or"
                    + " costs money; get_batch_progress and the resource spool://batches/{batchId}"
                    + " follow it.")
            .capabilities(ServerCapabilities.builder().tools(false).resources(true, false).build())
            .validateToolInputs(false)
            .tools(tools.all())
            .resourceTemplates(batchResource(tools, json))
            .requestTimeout(Duration.ofSeconds(60))
            .build();
    this.servlet = new McpServlet(transport, verifier, issuer, json);
    this.watcher = Thread.ofPlatform().daemon().name("spool-mcp-updates").start(this::watch);
  }

  /**
   * @param verifier the API's token check: a token's caller, or a {@link SpoolException} (401)
   * @param issuer the identity provider that issues tokens, for the protected-resource metadata
   */
  public static SpoolMcp create(
      UseCases useCases, Function<String, Actor> verifier, Optional<String> issuer) {
    return create(useCases, Catalogue.readOnly(CourseCatalogue.EMPTY), verifier, issuer);
  }

  /**
   * As above, with the course catalogue that {@code find_courses} searches.
   *
   * @param catalogue where assistants look courses up by name
   */
  public static SpoolMcp create(
      UseCases useCases,
      Catalogue catalogue,
      Function<String, Actor> verifier,
      Optional<String> issuer) {
    return new SpoolMcp(useCases, catalogue, verifier, issuer);
  }

  /** The servlet to mount; it answers 401 itself to requests without a valid token. */
  public HttpServlet servlet() {
    return servlet;
  }

  private SyncResourceTemplateSpecification batchResource(SpoolTools tools, ObjectMapper json) {
    ResourceTemplate template =
        new ResourceTemplate(
            BATCH_URI + "{batchId}",
            "batch",
            "A batch",
            "A batch's status, counts, progress, ETA and spend, as get_batch_progress gives them;"
                + " subscribe to hear when it changes.",
            "application/json",
            null);
    return new SyncResourceTemplateSpecification(
        template,
        (exchange, request) -> {
          SpoolTools.Caller caller =
              (SpoolTools.Caller) exchange.transportContext().get(McpServlet.CALLER);
          if (caller == null) {
            throw new IllegalStateException("no caller on this session");
          }
          seen(caller);
          String uri = request.uri();
          UUID id;
          try {
            id = UUID.fromString(uri.substring(BATCH_URI.length()));
          } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a batch resource: " + uri);
          }
          try {
            String text = json.writeValueAsString(tools.progress(caller, id, ""));
            return new ReadResourceResult(
                List.of(new TextResourceContents(uri, "application/json", text)));
          } catch (SpoolException e) {
            throw new IllegalArgumentException(e.code() + ": " + e.getMessage());
          } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private void seen(SpoolTools.Caller caller) {
    followed.compute(
        caller.actor().id(),
        (owner, current) -> {
          long now = System.nanoTime();
          if (current == null) {
            return new Followed(
                useCases.followBatches().follow(caller.actor(), Optional.empty()), now);
          }
          current.lastSeen = now;
          return current;
        });
  }

  /** Tells subscribers of each followed owner's batches that moved. */
  private void watch() {
    while (running) {
      try {
        Thread.sleep(LOOK_EVERY);
        long forget = System.nanoTime() - FORGET_AFTER.toNanos();
        followed.values().removeIf(f -> f.lastSeen < forget);
        for (Followed f : followed.values()) {
          Set<BatchId> moved = new LinkedHashSet<>();
          synchronized (f) {
            f.feed.next().forEach(e -> moved.add(e.batch()));
          }
          for (BatchId batch : moved) {
            server.notifyResourcesUpdated(
                new ResourcesUpdatedNotification(BATCH_URI + batch.value()));
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn("telling MCP subscribers of batch changes failed; trying again", e);
      }
    }
  }

  @Override
  public void close() {
    running = false;
    watcher.interrupt();
    server.closeGracefully();
    sweeper.shutdown();
  }

  private static final class Followed {
    private final FollowBatches.Feed feed;
    private volatile long lastSeen;

    Followed(FollowBatches.Feed feed, long lastSeen) {
      this.feed = feed;
      this.lastSeen = lastSeen;
    }
  }
}
