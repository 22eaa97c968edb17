package dev.spool.adapter.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The web page: static HTML, CSS and ES modules from the jar, served at {@code /}. It talks to the
 * API with the bearer token the user signs in with, so the files themselves need no auth.
 */
final class WebPage {
  static final String CLASSPATH_DIRECTORY = "/spool/web";

  /**
   * Scripts, styles and API calls only from this origin; no inline script, no framing. Revalidate
   * on every load so a new server version never runs an old script against a new API.
   */
  private static final Map<String, String> HEADERS =
      Map.of(
          "Cache-Control", "no-cache",
          "Content-Security-Policy",
              "default-src 'self'; script-src 'self'; style-src 'self';"
                  + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none';"
                  + " base-uri 'none'; form-action 'none'",
          "X-Content-Type-Options", "nosniff",
          "Referrer-Policy", "no-referrer");

  private WebPage() {}

  static void register(JavalinConfig config) {
    config.staticFiles.add(files -> {
      files.hostedPath = "/";
      files.directory = CLASSPATH_DIRECTORY;
      files.location = Location.CLASSPATH;
      files.headers = HEADERS;
    });
  }
}
