package dev.spool.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the Spool server from {@code SPOOL_*} environment variables and stops it gracefully on
 * SIGTERM. A bad configuration stops start-up with one line naming the variable.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    SpoolServer server;
    try {
      server = SpoolServer.start(System.getenv());
    } catch (ConfigurationError e) {
      LOG.error("configuration error: {}", e.getMessage());
      Runtime.getRuntime().exit(2);
      return;
    } catch (RuntimeException e) {
      LOG.error("Spool could not start: {}", describe(e));
      LOG.debug("start-up failure", e);
      Runtime.getRuntime().exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "spool-shutdown"));
    announce(server);
  }

  private static void announce(SpoolServer server) {
    String base = "http://" + browsable(server.host()) + ":" + server.port();
    LOG.info("Spool is listening on {}", base);
    if (server.devToken().isEmpty()) {
      LOG.info("Web page: {}/ (sign in with a token from your identity provider)", base);
    }
    server
        .devToken()
        .ifPresent(token -> {
          LOG.warn(
              "DEV MODE: no SPOOL_JWT_SECRET or SPOOL_JWT_PUBLIC_KEY is set, so tokens are signed"
                  + " with a secret kept in the data directory. Do not use this in production.");
          LOG.info("Web page, signed in as the demo faculty user: {}/#token={}", base, token);
          LOG.info("Demo faculty token (valid 30 days): {}", token);
          LOG.info(
              "Try: curl -H \"Authorization: Bearer {}\" {}/api/v1/generation/batch", token, base);
        });
  }

  /** A wildcard bind address is not something a browser can open; localhost is. */
  private static String browsable(String host) {
    return switch (host) {
      case "0.0.0.0", "::", "[::]" -> "localhost";
      default -> host.contains(":") ? "[" + host + "]" : host;
    };
  }

  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      text.append(" (caused by: ").append(cause.getMessage()).append(')');
    }
    return text.toString();
  }
}
