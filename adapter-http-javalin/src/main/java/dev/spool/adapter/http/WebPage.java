package dev.spool.adapter.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

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
  private static Map<String, String> headers(Optional<String> provider) {
    return Map.of(
        "Cache-Control", "no-cache",
        "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self';"
                + " img-src 'self' data:; connect-src 'self'"
                + provider.map(origin -> " " + origin).orElse("")
                + "; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        "X-Content-Type-Options", "nosniff",
        "Referrer-Policy", "no-referrer");
  }

  private WebPage() {}

  /**
   * @param provider an identity provider's origin the page may call (its token endpoint), only when
   *     the page signs in through one
   */
  static void register(JavalinConfig config, Optional<String> provider) {
    Map<String, String> headers = headers(provider);
    config.staticFiles.add(files -> {
      files.hostedPath = "/";
      files.directory = CLASSPATH_DIRECTORY;
      files.location = Location.CLASSPATH;
      files.headers = headers;
    });
    // PapaParse reads the CSV files people upload, in the browser, from its WebJar
    String papaparse = webJarVersion("papaparse");
    config.staticFiles.add(files -> {
      files.hostedPath = "/vendor/papaparse";
      files.directory = "/META-INF/resources/webjars/papaparse/" + papaparse;
      files.location = Location.CLASSPATH;
      files.headers = headers;
    });
  }

  /** The version of an npm WebJar on the class path, from the pom.properties it carries. */
  static String webJarVersion(String artifact) {
    String path = "/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
    try (InputStream in = WebPage.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(
            "the " + artifact + " WebJar is missing from the class path");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
