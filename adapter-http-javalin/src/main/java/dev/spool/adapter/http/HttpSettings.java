package dev.spool.adapter.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the server listens and streams.
 *
 * @param port 0 picks a free port
 * @param maxBodyBytes larger request bodies get 413
 * @param heartbeat how often an idle progress stream sends {@code heartbeat}
 * @param subscriberBuffer events a slow stream may fall behind before it is cut off
 * @param ticketValidity how long a stream ticket stays usable
 * @param reconnectDelay the {@code retry:} a stream advises its clients
 * @param requestLog whether each request is logged (method, route, status, time) at INFO
 */
public record HttpSettings(
    String host,
    int port,
    long maxBodyBytes,
    Duration heartbeat,
    int subscriberBuffer,
    Duration ticketValidity,
    Duration reconnectDelay,
    boolean requestLog,
    Optional<SignIn> signIn) {

  /**
   * How the web page signs people in through an OpenID Connect provider: the Authorization Code
   * flow with PKCE, as the public client {@code clientId}.
   */
  public record SignIn(java.net.URI issuer, String clientId) {
    public SignIn {
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(clientId, "clientId");
    }
  }

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 7070;
  public static final long DEFAULT_MAX_BODY = 1024 * 1024;

  public HttpSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(heartbeat, "heartbeat");
    Objects.requireNonNull(ticketValidity, "ticketValidity");
    Objects.requireNonNull(reconnectDelay, "reconnectDelay");
    Objects.requireNonNull(signIn, "signIn");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
    }
    if (maxBodyBytes < 1 || subscriberBuffer < 1) {
      throw new IllegalArgumentException("body limit and subscriber buffer must be positive");
    }
    if (heartbeat.isNegative() || heartbeat.isZero()) {
      throw new IllegalArgumentException("heartbeat must be positive");
    }
  }

  public static HttpSettings defaults() {
    return new HttpSettings(
        DEFAULT_HOST,
        DEFAULT_PORT,
        DEFAULT_MAX_BODY,
        Duration.ofSeconds(15),
        4096,
        Duration.ofSeconds(60),
        Duration.ofSeconds(2),
        true,
        Optional.empty());
  }

  public HttpSettings withAddress(String host, int port) {
    return new HttpSettings(
        host,
        port,
        maxBodyBytes,
        heartbeat,
        subscriberBuffer,
        ticketValidity,
        reconnectDelay,
        requestLog,
        signIn);
  }

  public HttpSettings withHeartbeat(Duration heartbeat) {
    return new HttpSettings(
        host,
        port,
        maxBodyBytes,
        heartbeat,
        subscriberBuffer,
        ticketValidity,
        reconnectDelay,
        requestLog,
        signIn);
  }

  public HttpSettings withSubscriberBuffer(int subscriberBuffer) {
    return new HttpSettings(
        host,
        port,
        maxBodyBytes,
        heartbeat,
        subscriberBuffer,
        ticketValidity,
        reconnectDelay,
        requestLog,
        signIn);
  }

  public HttpSettings withRequestLog(boolean requestLog) {
    return new HttpSettings(
        host,
        port,
        maxBodyBytes,
        heartbeat,
        subscriberBuffer,
        ticketValidity,
        reconnectDelay,
        requestLog,
        signIn);
  }

  /** The web page signs in through an identity provider, or (empty) takes a pasted token. */
  public HttpSettings withSignIn(Optional<SignIn> signIn) {
    return new HttpSettings(
        host,
        port,
        maxBodyBytes,
        heartbeat,
        subscriberBuffer,
        ticketValidity,
        reconnectDelay,
        requestLog,
        signIn);
  }
}
