package dev.spool.adapter.http;

import dev.spool.adapter.http.auth.OidcDiscovery;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/auth/config}, public: how the web page signs people in. With an identity
 * provider, its endpoints (read from its discovery document, once) and the page's client id; the
 * page then runs the Authorization Code flow with PKCE itself. Without one, the page takes a pasted
 * token.
 */
final class SignInRoutes {
  static final String PATH = BatchRoutes.BASE_V1 + "/auth/config";
  static final String SCOPE = "openid profile";

  private final Optional<HttpSettings.SignIn> signIn;
  private volatile Map<String, Object> discovered;

  SignInRoutes(Optional<HttpSettings.SignIn> signIn) {
    this.signIn = signIn;
  }

  void register(JavalinConfig config) {
    config.routes.get(PATH, this::config);
  }

  /** The origin the page may call besides its own: the provider's, for its token endpoint. */
  static Optional<String> providerOrigin(Optional<HttpSettings.SignIn> signIn) {
    return signIn.map(s -> {
      URI issuer = s.issuer();
      return issuer.getScheme() + "://" + issuer.getRawAuthority();
    });
  }

  private void config(Context ctx) {
    Map<String, Object> data = new LinkedHashMap<>();
    if (signIn.isEmpty()) {
      data.put("mode", "token");
      ctx.json(Envelope.ok(data));
      return;
    }
    Map<String, Object> metadata = metadata();
    data.put("mode", "oidc");
    data.put("issuer", signIn.get().issuer().toString());
    data.put("clientId", signIn.get().clientId());
    data.put("scope", SCOPE);
    data.put(
        "authorizationEndpoint",
        OidcDiscovery.text(metadata, "authorization_endpoint").orElse(null));
    data.put("tokenEndpoint", OidcDiscovery.text(metadata, "token_endpoint").orElse(null));
    data.put(
        "endSessionEndpoint", OidcDiscovery.text(metadata, "end_session_endpoint").orElse(null));
    ctx.header("Cache-Control", "no-cache");
    ctx.json(Envelope.ok(data));
  }

  private Map<String, Object> metadata() {
    Map<String, Object> known = discovered;
    if (known != null) {
      return known;
    }
    try {
      known = OidcDiscovery.read(signIn.orElseThrow().issuer());
    } catch (IOException e) {
      throw ApiError.unavailable(
          "the identity provider cannot be reached to sign in (" + e.getMessage() + "); try again");
    }
    discovered = known;
    return known;
  }
}
