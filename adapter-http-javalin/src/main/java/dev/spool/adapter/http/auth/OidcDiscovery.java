package dev.spool.adapter.http.auth;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an OpenID Connect provider's discovery document ({@code
 * /.well-known/openid-configuration}).
 */
public final class OidcDiscovery {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private OidcDiscovery() {}

  /**
   * The provider's metadata.
   *
   * @throws IOException if the document cannot be fetched or read
   */
  public static Map<String, Object> read(URI issuer) throws IOException {
    String base = issuer.toString().endsWith("/") ? issuer.toString() : issuer + "/";
    URI document = URI.create(base + ".well-known/openid-configuration");
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(document).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException(
            "the discovery document " + document + " answered HTTP " + response.statusCode());
      }
      return JSONObjectUtils.parse(response.body());
    } catch (ParseException e) {
      throw new IOException("the discovery document " + document + " is not JSON", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + document, e);
    }
  }

  /** A string field of the metadata, if it has one. */
  public static Optional<String> text(Map<String, Object> metadata, String field) {
    return metadata.get(field) instanceof String value ? Optional.of(value) : Optional.empty();
  }
}
