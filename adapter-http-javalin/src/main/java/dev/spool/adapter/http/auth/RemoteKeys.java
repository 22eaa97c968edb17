package dev.spool.adapter.http.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import io.jsonwebtoken.Header;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.Locator;
import io.jsonwebtoken.UnsupportedJwtException;
import java.io.IOException;
import java.net.URI;
import java.security.Key;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Finds a token's key among an identity provider's published keys (JWKS) by its {@code kid}, with
 * nimbus-jose-jwt's caching source: the key set is kept for a while, fetched again when an unknown
 * {@code kid} arrives, but at most once per {@link KeySource.Remote#refreshAtMostEvery()}, so
 * forged kids cannot make Spool hammer the provider. A rotated-in key is found without a restart,
 * and a retired one stops working once the cached set is replaced. While the provider's keys cannot
 * be fetched, the last set fetched stays in use for {@link KeySource.Remote#outageTolerance()}.
 *
 * <p>Only asymmetric algorithms are accepted, and only those the key allows: {@code none} and HS*
 * (a public key used as an HMAC secret) are refused before any key is looked up.
 */
final class RemoteKeys implements Locator<Key> {
  private static final Set<String> RSA =
      Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512");
  private static final Set<String> EC = Set.of("ES256", "ES384", "ES512");
  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

  private final KeySource.Remote remote;
  private final ReentrantLock resolving = new ReentrantLock();
  private volatile JWKSource<SecurityContext> source;

  RemoteKeys(KeySource.Remote remote) {
    this.remote = remote;
  }

  @Override
  public Key locate(Header header) {
    String algorithm = header.getAlgorithm();
    if (algorithm == null || !(RSA.contains(algorithm) || EC.contains(algorithm))) {
      throw new UnsupportedJwtException(
          "tokens must be signed by the identity provider's keys (RS*, PS* or ES*), not "
              + algorithm);
    }
    if (!(header instanceof JwsHeader jws) || jws.getKeyId() == null) {
      throw new UnsupportedJwtException("the token names no key (kid)");
    }
    List<JWK> keys;
    try {
      keys =
          source()
              .get(
                  new JWKSelector(
                      new JWKMatcher.Builder()
                          .keyID(jws.getKeyId())
                          .keyUses(KeyUse.SIGNATURE, null)
                          .build()),
                  null);
    } catch (KeySourceException e) {
      throw new UnsupportedJwtException(
          "the identity provider's keys could not be read: " + e.getMessage());
    }
    if (keys.isEmpty()) {
      throw new UnsupportedJwtException("the token's key (kid) is not one the provider publishes");
    }
    JWK jwk = keys.getFirst();
    if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().getName().equals(algorithm)) {
      throw new UnsupportedJwtException(
          "the token's algorithm is not the one its key declares (" + jwk.getAlgorithm() + ")");
    }
    try {
      if (KeyType.RSA.equals(jwk.getKeyType()) && RSA.contains(algorithm)) {
        return ((RSAKey) jwk).toRSAPublicKey();
      }
      if (KeyType.EC.equals(jwk.getKeyType()) && EC.contains(algorithm)) {
        return ((ECKey) jwk).toECPublicKey();
      }
    } catch (JOSEException e) {
      throw new UnsupportedJwtException("the provider's key could not be read");
    }
    throw new UnsupportedJwtException("the token's algorithm does not fit its key");
  }

  private JWKSource<SecurityContext> source() throws KeySourceException {
    JWKSource<SecurityContext> current = source;
    if (current != null) {
      return current;
    }
    resolving.lock();
    try {
      if (source == null) {
        URI jwks = remote.discover() ? discover(remote.location()) : remote.location();
        JWKSourceBuilder<SecurityContext> builder =
            JWKSourceBuilder.<SecurityContext>create(jwks.toURL())
                .cache(remote.cacheFor().toMillis(), FETCH_TIMEOUT.toMillis())
                .rateLimited(remote.refreshAtMostEvery().toMillis())
                .refreshAheadCache(false)
                .retrying(true);
        source =
            (remote.outageTolerance().isZero()
                    ? builder.outageTolerant(false)
                    : builder.outageTolerant(remote.outageTolerance().toMillis()))
                .build();
      }
      return source;
    } catch (java.net.MalformedURLException e) {
      throw new KeySourceException("the key set's URL is not valid: " + e.getMessage(), e);
    } finally {
      resolving.unlock();
    }
  }

  /** The {@code jwks_uri} of the issuer's OpenID Connect discovery document. */
  private static URI discover(URI issuer) throws KeySourceException {
    try {
      return URI.create(
          OidcDiscovery.text(OidcDiscovery.read(issuer), "jwks_uri")
              .orElseThrow(() -> new IOException("the discovery document has no jwks_uri")));
    } catch (IOException e) {
      throw new KeySourceException(e.getMessage(), e);
    }
  }
}
